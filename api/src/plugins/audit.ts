import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { appendAudit, type AuditOutcome, type Database } from '@custos/db';
import type { ApiError } from '../errors.js';
import { actorOf, type Principal } from '../auth/principal.js';

export interface AuditFact {
  action: string;
  outcome?: AuditOutcome;
  target?: { kind: string; id: string };
  /** Tenant the action touched, when the principal alone does not say (platform admins). */
  tenant?: { partnerId: string | null; clientId?: string | null };
  /** Ids, codes and counts only: never secrets, names of people or host data. */
  detail?: Record<string, unknown>;
}

function tenantOf(p: Principal | null): { partner_id: string | null; client_id: string | null } {
  if (p === null) return { partner_id: null, client_id: null };
  if (p.kind === 'appliance') return { partner_id: p.partnerId, client_id: p.clientId };
  return { partner_id: p.partnerId, client_id: p.clientId };
}

/** Appends one audit entry for this request, inside the caller's transaction when given one. */
export async function audit(db: Kysely<Database>, request: FastifyRequest, fact: AuditFact): Promise<void> {
  const tenant = fact.tenant ? { partner_id: fact.tenant.partnerId, client_id: fact.tenant.clientId ?? null } : tenantOf(request.principal);
  await appendAudit(db, {
    ...actorOf(request.principal),
    ...tenant,
    action: fact.action,
    target_kind: fact.target?.kind ?? null,
    target_id: fact.target?.id ?? null,
    outcome: fact.outcome ?? 'ok',
    detail: fact.detail ?? {},
    ip: request.ip,
    request_id: String(request.id),
  });
}

const REFUSALS = new Set([401, 403, 404, 409, 429]);

/**
 * Every refused attempt at a mutation (and at sign-in, enrolment or an appliance call) lands in
 * the audit log; refused reads of a 404 kind are not worth a row each.
 */
export async function auditRefusal(request: FastifyRequest, error: ApiError): Promise<void> {
  const config = request.routeOptions.config;
  const mutation = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  const sensitive = config.auth === 'appliance' || config.auditRefusals === true;
  if (!REFUSALS.has(error.status) || !(mutation || sensitive) || request.routeOptions.url === undefined) return;
  try {
    await audit(request.server.deps.db, request, {
      action: config.action ?? config.auditAs ?? `${request.method} ${request.routeOptions.url}`,
      outcome: 'refused',
      detail: { code: error.code, message: error.message, ...(error.field !== undefined && { field: error.field }), route: request.routeOptions.url },
    });
  } catch (err) {
    request.log.error({ err }, 'audit of a refusal failed');
  }
}
