import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getClient, getCompliancePacketFile, listCompliancePackets } from '@custos/db';
import { isPacketMonth } from '@custos/workflows/messages';
import { ApiError } from '../../errors.js';
import { scope, temporalIdentity, userOf } from '../../auth/request.js';
import { audit } from '../../plugins/audit.js';
import { errorResponses, IdParams, Uuid } from '../../schemas/common.js';
import { FileBody, Month, PacketView, packetView } from './views.js';

const ClientParams = Type.Object({ clientId: Uuid }, { additionalProperties: false });
// The JSON is RFC 8785 canonical JSON, which is UTF-8.
const FORMATS = { pdf: 'application/pdf', json: 'application/json; charset=utf-8' } as const;

/** The month is over once the first instant of the next month (UTC) has passed. */
function monthIsOver(month: string, now: Date): boolean {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return now.getTime() >= Date.UTC(y, m, 1);
}

/**
 * Monthly compliance packets: a client's list, the PDF and JSON downloads, and generation on demand.
 * Readers of the client (its users, the partner's staff, auditors granted the client) may download;
 * anyone else gets the same 404 as for a packet that does not exist. A file is served only when its
 * bytes still hash to the digest logged in the packet's evidence bundle.
 */
export const packetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/clients/:clientId/packets',
    {
      config: { auth: 'user', action: 'reports.read' },
      schema: {
        tags: ['reports'],
        params: ClientParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 120, default: 24 }) }, { additionalProperties: false }),
        response: { 200: Type.Array(PacketView), ...errorResponses },
      },
    },
    async (request) => {
      const s = scope(request);
      if (!(await getClient(db, s, request.params.clientId))) throw new ApiError('not_found');
      return (await listCompliancePackets(db, s, { clientId: request.params.clientId, limit: request.query.limit })).map(packetView);
    },
  );

  for (const format of ['pdf', 'json'] as const) {
    app.get(
      `/packets/:id/${format}`,
      {
        config: { auth: 'user', action: 'reports.read' },
        schema: { tags: ['reports'], params: IdParams, produces: [FORMATS[format]], response: { 200: FileBody(FORMATS[format]), ...errorResponses } },
      },
      async (request, reply) => {
        const file = await getCompliancePacketFile(db, scope(request), request.params.id, format);
        if (!file) throw new ApiError('not_found');
        const sha256 = createHash('sha256').update(file.bytes).digest('hex');
        const logged = format === 'pdf' ? file.entry.pdf_sha256 : file.entry.json_sha256;
        if (sha256 !== logged) {
          request.log.error({ packet: file.entry.id, format, sha256, logged }, 'packet file does not match its logged digest');
          throw new ApiError('internal');
        }
        return reply
          .type(FORMATS[format])
          .header('content-disposition', `attachment; filename="compliance-packet-${file.entry.period_month}-${file.entry.client_id.slice(0, 8)}.${format}"`)
          .header('x-content-sha256', sha256)
          .header('x-evidence-digest', file.entry.evidence_digest)
          .header('cache-control', 'private, no-store')
          .send(file.bytes);
      },
    );
  }

  app.post(
    '/clients/:clientId/packets',
    {
      config: { auth: 'user', action: 'reports.generate' },
      schema: {
        tags: ['reports'],
        params: ClientParams,
        body: Type.Object({ month: Month }, { additionalProperties: false }),
        response: { 202: Type.Object({ workflowId: Type.String() }), 503: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const { month } = request.body;
      if (!isPacketMonth(month) || !monthIsOver(month, new Date())) throw new ApiError('invalid_request', `${month} is not over yet; packets cover finished months`, 'body.month');
      const client = await getClient(db, scope(request), request.params.clientId);
      if (!client) throw new ApiError('not_found');
      const reports = app.deps.reports;
      if (!reports) throw new ApiError('workflow_unavailable');
      const user = userOf(request);
      let started;
      try {
        started = await reports.workflows.startPacket({ clientId: client.id, month, requestedBy: user.userId }, temporalIdentity(user));
      } catch (err) {
        request.log.error({ err }, 'starting a compliance packet failed');
        throw new ApiError('workflow_unavailable');
      }
      await audit(db, request, { action: 'reports.generate', target: { kind: 'client', id: client.id }, tenant: { partnerId: client.partner_id, clientId: client.id }, detail: { month, ...started } });
      return reply.code(202).send(started);
    },
  );
};
