import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createRiskAcceptance, getClient, listRiskAcceptances } from '@custos/db';
import { ApiError } from '../../errors.js';
import { scope, userOf } from '../../auth/request.js';
import { audit } from '../../plugins/audit.js';
import { errorResponses, Nullable, SafeText, Uuid } from '../../schemas/common.js';
import { requireEvidenceSite, startRecording } from './attestation-routes.js';
import { RiskAcceptanceView, riskAcceptanceView } from './views.js';

const ClientParams = Type.Object({ clientId: Uuid }, { additionalProperties: false });
const CreateBody = Type.Object(
  {
    subject: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,99}$', description: 'the runbook or control the acceptance covers, e.g. RB-WIN-SEC-015' }),
    scope: SafeText(200, { description: 'where it applies, e.g. "WS002 (label printer station)"' }),
    reason: SafeText(2000, { description: 'why the risk is accepted' }),
    expiresAt: Nullable(Type.String({ format: 'date-time', description: 'when the acceptance ends; null: until withdrawn' })),
  },
  { additionalProperties: false },
);

/**
 * Exceptions and risk acceptances: a client owner accepts a risk (a check not to be fixed, where and
 * why, until when); recorded as evidence like an attestation, and listed in the monthly packet.
 */
export const riskAcceptanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/clients/:clientId/risk-acceptances',
    { config: { auth: 'user', action: 'attestations.read' }, schema: { tags: ['attestations'], params: ClientParams, response: { 200: Type.Array(RiskAcceptanceView), ...errorResponses } } },
    async (request) => {
      const s = scope(request);
      if (!(await getClient(db, s, request.params.clientId))) throw new ApiError('not_found');
      return (await listRiskAcceptances(db, s, { clientId: request.params.clientId, limit: 500 })).map(riskAcceptanceView);
    },
  );

  app.post(
    '/clients/:clientId/risk-acceptances',
    { config: { auth: 'user', action: 'attestations.write' }, schema: { tags: ['attestations'], params: ClientParams, body: CreateBody, response: { 201: RiskAcceptanceView, 503: errorResponses[400], ...errorResponses } } },
    async (request, reply) => {
      const reports = app.deps.reports;
      if (!reports) throw new ApiError('workflow_unavailable');
      const now = new Date();
      const expiresAt = request.body.expiresAt === null ? null : new Date(request.body.expiresAt);
      if (expiresAt && !(expiresAt > now)) throw new ApiError('invalid_request', 'expiresAt must be in the future', 'body.expiresAt');
      await requireEvidenceSite(db, scope(request), request.params.clientId);
      const user = userOf(request);
      const row = await db.transaction().execute(async (trx) => {
        const r = await createRiskAcceptance(trx, scope(request), {
          clientId: request.params.clientId, subject: request.body.subject, scope: request.body.scope, reason: request.body.reason,
          acceptedBy: user.userId, acceptedByName: user.displayName, acceptedAt: now, expiresAt,
        });
        if (!r) throw new ApiError('not_found');
        await audit(trx, request, { action: 'risk-acceptances.create', target: { kind: 'risk-acceptance', id: r.id }, tenant: { partnerId: r.partner_id, clientId: r.client_id }, detail: { subject: r.subject } });
        return r;
      });
      await startRecording(reports, request.log, user, row.client_id, row.id);
      return reply.code(201).send(riskAcceptanceView(row));
    },
  );
};
