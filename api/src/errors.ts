/**
 * The one catalogue of API errors: a stable code, its HTTP status and the message clients see.
 * Handlers throw `ApiError`; the error handler turns it (and fastify's own errors) into
 * `{ error, message, field?, requestId }`. 5xx never carry details to the client.
 */
export const ERRORS = {
  invalid_request: { status: 400, message: 'The request is invalid.' },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  sign_in_failed: { status: 401, message: 'Email or password is wrong, or the account is locked.' },
  totp_failed: { status: 401, message: 'The one-time code is wrong or was already used.' },
  oidc_failed: { status: 401, message: 'Sign-in with the identity provider failed.' },
  enrolment_refused: { status: 401, message: 'The enrolment code is unknown, expired or already used.' },
  csrf_failed: { status: 403, message: 'Missing or invalid CSRF token (send x-csrf-token).' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  approval_refused: { status: 409, message: 'The workflow refused the decision.' },
  body_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send application/json.' },
  rate_limited: { status: 429, message: 'Too many requests; slow down.' },
  internal: { status: 500, message: 'Something went wrong on our side; the request id identifies it in our logs.' },
  workflow_unavailable: { status: 503, message: 'The workflow service is unavailable; try again.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

export const notFound = (): ApiError => new ApiError('not_found');
export const forbidden = (): ApiError => new ApiError('forbidden');
