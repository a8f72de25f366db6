import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidCursorError, OutOfScopeError } from '@custos/db';
import { ApiError, ERRORS, type ErrorCode } from '../errors.js';
import { auditRefusal } from './audit.js';

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `body.site.name`: where the first problem is, in words a client can act on. */
function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const path = issue.instancePath.split('/').filter(Boolean);
  const extra = issue.params['missingProperty'] ?? issue.params['additionalProperty'];
  if (typeof extra === 'string') path.push(extra);
  const part = context === 'querystring' ? 'query' : (context ?? 'body');
  return [part, ...path].join('.');
}

function describe(issue: ValidationIssue, field: string): string {
  if (issue.keyword === 'additionalProperties') return `${field} is not a known field`;
  if (issue.keyword === 'required') return `${field} is required`;
  return `${field} ${issue.message ?? 'is invalid'}`;
}

function fromFastify(err: FastifyError): ApiError | undefined {
  if (err.validation) {
    const issue = err.validation[0] as ValidationIssue | undefined;
    if (!issue) return new ApiError('invalid_request');
    const field = fieldOf(err.validationContext, issue);
    return new ApiError('invalid_request', describe(issue, field), field);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('invalid_request', 'body must be a JSON object', 'body');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid_request', 'body is not valid JSON', 'body');
  }
  if (err.statusCode === 429) return new ApiError('rate_limited');
  if (err instanceof SyntaxError && err.statusCode === 400) return new ApiError('invalid_request', 'body is not valid JSON', 'body');
  if (err.statusCode === 400 && err.code === 'FST_ERR_VALIDATION') return new ApiError('invalid_request', err.message);
  return undefined;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof InvalidCursorError) return new ApiError('invalid_request', 'query.cursor is not one this API issued', 'query.cursor');
  // A write outside the caller's scope answers as if the target did not exist.
  if (err instanceof OutOfScopeError) return new ApiError('not_found');
  return fromFastify(err as FastifyError) ?? new ApiError('internal');
}

export async function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError): Promise<FastifyReply> {
  const body: Record<string, string> = { error: error.code, message: error.message, requestId: String(request.id) };
  if (error.field !== undefined) body['field'] = error.field;
  return reply.code(error.status).header('cache-control', 'no-store').send(body);
}

/** One error handler for the whole app: 4xx say what and where; 5xx are logged and say nothing. */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(async (err, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: apiError.code, field: apiError.field }, 'request refused');
    await auditRefusal(request, apiError);
    return sendError(request, reply, apiError);
  });
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, new ApiError('not_found')));
});

export type { ErrorCode };
export { ERRORS };
