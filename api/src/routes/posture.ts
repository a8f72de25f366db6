import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { FRAMEWORK_LABELS, frameworkPosture, recordedScopes, type ControlDefinition, type FrameworkPosture, type RecordedScope } from '@custos/core';
import { getClient, getSite, postureRecords } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope } from '../auth/request.js';
import { DateTime, errorResponses, Nullable, SiteParams, Uuid } from '../schemas/common.js';
import { Framework } from './attestations/views.js';
import type { PostureCatalogue, ReportDeps } from './reports/report-deps.js';

const ClientParams = Type.Object({ clientId: Uuid }, { additionalProperties: false });
const AsOfQuery = Type.Object(
  { asOf: Type.Optional(Type.String({ format: 'date-time', description: 'score as of this moment (evidence recorded after it is ignored); default now' })) },
  { additionalProperties: false },
);

const Status = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('partial'), Type.Literal('manual-pending'), Type.Literal('not-applicable')]);
const Count = Type.Integer({ minimum: 0 });

export const PostureView = Type.Object({
  scope: Type.Object({ kind: Type.Union([Type.Literal('site'), Type.Literal('client')]), id: Uuid }),
  asOf: DateTime,
  hostCount: Count,
  frameworks: Type.Array(
    Type.Object({
      framework: Framework,
      label: Type.String({ description: 'how the packet and the dashboard name it' }),
      score: Nullable(
        Type.Number({
          minimum: 0,
          maximum: 100,
          description: 'postureScore (lib/core): 100 × (pass + ½ partial) ÷ (pass + partial + fail + manual-pending), one decimal; null when no control applies',
        }),
      ),
      counts: Type.Object({ pass: Count, fail: Count, partial: Count, 'manual-pending': Count, 'not-applicable': Count }),
      controls: Type.Array(Type.Object({ controlId: Type.String(), title: Type.String(), status: Status, reason: Type.String() })),
    }),
  ),
});
export type PostureView = Static<typeof PostureView>;

function requireCatalogue(deps: ReportDeps | undefined): PostureCatalogue {
  if (!deps) throw new ApiError('workflow_unavailable', 'The control catalogue is unavailable; try again.');
  return deps.posture();
}

function asOfOf(query: { asOf?: string }): string {
  if (query.asOf === undefined) return new Date().toISOString();
  const t = Date.parse(query.asOf);
  if (Number.isNaN(t)) throw new ApiError('invalid_request', 'asOf is not a date-time.', 'asOf');
  return new Date(t).toISOString();
}

/** The per-framework view of one scope's posture: frameworkPosture and its postureScore, nothing recomputed. */
export function postureView(kind: 'site' | 'client', id: string, catalogue: PostureCatalogue, recorded: RecordedScope, asOf: string): PostureView {
  const titles = new Map(catalogue.controls.map((c: ControlDefinition) => [`${c.framework}\u0000${c.id}`, c.title]));
  const frameworks = catalogue.frameworks.map((framework) => {
    const p: FrameworkPosture = frameworkPosture(framework, { controls: catalogue.controls, ...recorded, asOf });
    return {
      framework,
      label: FRAMEWORK_LABELS[framework],
      score: p.score,
      counts: p.counts,
      controls: p.controls.map((c) => ({ controlId: c.controlId, title: titles.get(`${framework}\u0000${c.controlId}`) ?? c.controlId, status: c.status, reason: c.reason })),
    };
  });
  return { scope: { kind, id }, asOf, hostCount: recorded.hostIds.length, frameworks };
}

/**
 * Posture of a site or a client per framework: control statuses and the one score, computed by
 * lib/core posture over the packet's controls, from the operational record (hosts, findings,
 * switched-off runbooks, attestations recorded as evidence) converted to observations
 * (recordedScopes). The dashboard scores with the same functions, so the numbers agree.
 */
export const postureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;
  const schema = <P extends typeof SiteParams | typeof ClientParams>(params: P) => ({
    tags: ['posture'],
    params,
    querystring: AsOfQuery,
    response: { 200: PostureView, ...errorResponses },
  });

  app.get('/sites/:siteId/posture', { config: { auth: 'user', action: 'findings.read' }, schema: schema(SiteParams) }, async (request) => {
    const s = scope(request);
    const site = await getSite(db, s, request.params.siteId);
    if (!site) throw new ApiError('not_found');
    const catalogue = requireCatalogue(app.deps.reports);
    const asOf = asOfOf(request.query);
    const records = await postureRecords(db, s, { siteIds: [site.id] });
    return postureView('site', site.id, catalogue, recordedScopes(records, catalogue.runbooks).site(site.id), asOf);
  });

  app.get('/clients/:clientId/posture', { config: { auth: 'user', action: 'findings.read' }, schema: schema(ClientParams) }, async (request) => {
    const s = scope(request);
    const client = await getClient(db, s, request.params.clientId);
    if (!client) throw new ApiError('not_found');
    const catalogue = requireCatalogue(app.deps.reports);
    const asOf = asOfOf(request.query);
    const records = await postureRecords(db, s, { clientIds: [client.id] });
    return postureView('client', client.id, catalogue, recordedScopes(records, catalogue.runbooks).client(client.id), asOf);
  });
};
