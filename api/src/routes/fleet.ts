import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getSite, listFindings, listFleet, listHosts, type Finding } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope } from '../auth/request.js';
import { DateTime, errorResponses, Nullable, PageQuery, Severity, SiteParams, Uuid } from '../schemas/common.js';
import { FleetSiteView, fleetSiteView, HostView, hostView } from '../schemas/views.js';

const FindingView = Type.Object({
  id: Uuid,
  siteId: Uuid,
  clientId: Uuid,
  hostId: Uuid,
  checkId: Type.String(),
  controlIds: Type.Array(Type.String()),
  severity: Severity,
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  summary: Type.String(),
  observedAt: DateTime,
  resolvedAt: Nullable(DateTime),
});

const findingView = (f: Finding) => ({
  id: f.id,
  siteId: f.site_id,
  clientId: f.client_id,
  hostId: f.host_id,
  checkId: f.check_id,
  controlIds: f.control_ids,
  severity: f.severity,
  status: f.status,
  summary: f.summary,
  observedAt: f.observed_at.toISOString(),
  resolvedAt: f.resolved_at?.toISOString() ?? null,
});

const page = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/** The dashboard's fleet overview, findings and hosts: reads, keyset-paginated. */
export const fleetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/fleet',
    {
      config: { auth: 'user', action: 'tenants.read' },
      schema: { tags: ['fleet'], querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: page(FleetSiteView), ...errorResponses } },
    },
    async (request) => {
      const r = await listFleet(db, scope(request), request.query);
      return { items: r.items.map(fleetSiteView), nextCursor: r.nextCursor };
    },
  );

  app.get(
    '/findings',
    {
      config: { auth: 'user', action: 'findings.read' },
      schema: {
        tags: ['fleet'],
        querystring: Type.Object(
          { ...PageQuery, siteId: Type.Optional(Uuid), status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])), severity: Type.Optional(Severity) },
          { additionalProperties: false },
        ),
        response: { 200: page(FindingView), ...errorResponses },
      },
    },
    async (request) => {
      const r = await listFindings(db, scope(request), request.query);
      return { items: r.items.map(findingView), nextCursor: r.nextCursor };
    },
  );

  app.get(
    '/sites/:siteId/hosts',
    {
      config: { auth: 'user', action: 'tenants.read' },
      schema: {
        tags: ['fleet'],
        params: SiteParams,
        querystring: Type.Object(
          { limit: PageQuery.limit, after: Type.Optional(Type.String({ maxLength: 255, description: 'last hostname of the previous page' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(HostView), ...errorResponses },
      },
    },
    async (request) => {
      const s = scope(request);
      if (!(await getSite(db, s, request.params.siteId))) throw new ApiError('not_found');
      return (await listHosts(db, s, { siteId: request.params.siteId, ...request.query })).map(hostView);
    },
  );
};
