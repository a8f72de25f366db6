import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getSite, setHealingPaused } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope, temporalIdentity, userOf } from '../auth/request.js';
import { audit } from '../plugins/audit.js';
import { errorResponses, SafeText, SiteParams } from '../schemas/common.js';
import { SiteView, siteView } from '../schemas/views.js';

/** Operator controls on a site: the healing kill-switch and an on-demand scan. */
export const controlRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.post(
    '/sites/:siteId/healing/pause',
    {
      config: { auth: 'user', action: 'sites.pause' },
      schema: { tags: ['control'], params: SiteParams, body: Type.Object({ reason: SafeText(500) }, { additionalProperties: false }), response: { 200: SiteView, ...errorResponses } },
    },
    async (request) => {
      const site = await db.transaction().execute(async (trx) => {
        const s = await setHealingPaused(trx, scope(request), request.params.siteId, { paused: true, reason: request.body.reason, by: userOf(request).userId });
        if (!s) throw new ApiError('not_found');
        await audit(trx, request, { action: 'sites.pause', target: { kind: 'site', id: s.id }, tenant: { partnerId: s.partner_id, clientId: s.client_id } });
        return s;
      });
      return siteView(site);
    },
  );

  app.post(
    '/sites/:siteId/healing/resume',
    { config: { auth: 'user', action: 'sites.pause' }, schema: { tags: ['control'], params: SiteParams, response: { 200: SiteView, ...errorResponses } } },
    async (request) => {
      const site = await db.transaction().execute(async (trx) => {
        const s = await setHealingPaused(trx, scope(request), request.params.siteId, { paused: false, reason: null, by: userOf(request).userId });
        if (!s) throw new ApiError('not_found');
        await audit(trx, request, { action: 'sites.resume', target: { kind: 'site', id: s.id }, tenant: { partnerId: s.partner_id, clientId: s.client_id } });
        return s;
      });
      return siteView(site);
    },
  );

  app.post(
    '/sites/:siteId/scans',
    {
      config: { auth: 'user', action: 'scans.trigger' },
      schema: { tags: ['control'], params: SiteParams, response: { 202: Type.Object({ workflowId: Type.String() }), 503: errorResponses[400], ...errorResponses } },
    },
    async (request, reply) => {
      const site = await getSite(db, scope(request), request.params.siteId);
      if (!site) throw new ApiError('not_found');
      let started;
      try {
        started = await app.deps.workflows.startScan(site.id, temporalIdentity(userOf(request)));
      } catch (err) {
        request.log.error({ err }, 'starting a scan failed');
        throw new ApiError('workflow_unavailable');
      }
      await audit(db, request, { action: 'scans.trigger', target: { kind: 'site', id: site.id }, tenant: { partnerId: site.partner_id, clientId: site.client_id }, detail: started });
      return reply.code(202).send(started);
    },
  );
};
