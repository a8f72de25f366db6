import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listHeals, type Heal } from '@custos/db';
import { scope } from '../auth/request.js';
import { DateTime, errorResponses, Nullable, PageQuery, Uuid } from '../schemas/common.js';

const HealView = Type.Object({
  workflowId: Type.String(),
  runId: Nullable(Type.String()),
  siteId: Uuid,
  clientId: Uuid,
  findingId: Nullable(Uuid),
  tier: Type.Union([Type.Literal('L1'), Type.Literal('L2'), Type.Literal('L3')]),
  status: Type.String(),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
});

const view = (h: Heal) => ({
  workflowId: h.workflow_id,
  runId: h.run_id,
  siteId: h.site_id,
  clientId: h.client_id,
  findingId: h.finding_id,
  tier: h.tier,
  status: h.status,
  startedAt: h.started_at.toISOString(),
  finishedAt: h.finished_at?.toISOString() ?? null,
});

/** Heals as mirrored from their workflows, newest first (the workflow history stays the record). */
export const healRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/heals',
    {
      config: { auth: 'user', action: 'findings.read' },
      schema: {
        tags: ['fleet'],
        querystring: Type.Object({ ...PageQuery, siteId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(HealView), nextCursor: Nullable(Type.String()) }), ...errorResponses },
      },
    },
    async (request) => {
      const r = await listHeals(app.deps.db, scope(request), request.query);
      return { items: r.items.map(view), nextCursor: r.nextCursor };
    },
  );
};
