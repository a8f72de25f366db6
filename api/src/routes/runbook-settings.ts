import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getSite, listRunbookSettings, putRunbookSetting, type RunbookSetting } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope, userOf } from '../auth/request.js';
import { audit } from '../plugins/audit.js';
import { DateTime, errorResponses, SiteParams, Uuid } from '../schemas/common.js';

const RunbookId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' });
const SettingView = Type.Object({ siteId: Uuid, runbookId: Type.String(), enabled: Type.Boolean(), requireApproval: Type.Boolean(), updatedAt: DateTime });
const view = (r: RunbookSetting) => ({ siteId: r.site_id, runbookId: r.runbook_id, enabled: r.enabled, requireApproval: r.require_approval, updatedAt: r.updated_at.toISOString() });

/** Which runbooks run at a site and whether each needs a human approval first. */
export const runbookSettingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/sites/:siteId/runbooks',
    { config: { auth: 'user', action: 'runbooks.read' }, schema: { tags: ['runbooks'], params: SiteParams, response: { 200: Type.Array(SettingView), ...errorResponses } } },
    async (request) => {
      const s = scope(request);
      if (!(await getSite(db, s, request.params.siteId))) throw new ApiError('not_found');
      return (await listRunbookSettings(db, s, { siteId: request.params.siteId })).map(view);
    },
  );

  app.put(
    '/sites/:siteId/runbooks/:runbookId',
    {
      config: { auth: 'user', action: 'runbooks.write' },
      schema: {
        tags: ['runbooks'],
        params: Type.Object({ siteId: Uuid, runbookId: RunbookId }, { additionalProperties: false }),
        body: Type.Object({ enabled: Type.Boolean(), requireApproval: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: SettingView, ...errorResponses },
      },
    },
    async (request) => {
      const row = await db.transaction().execute(async (trx) => {
        const r = await putRunbookSetting(trx, scope(request), { ...request.params, ...request.body, updatedBy: userOf(request).userId });
        if (!r) throw new ApiError('not_found');
        await audit(trx, request, {
          action: 'runbooks.write',
          target: { kind: 'site', id: r.site_id },
          tenant: { partnerId: r.partner_id, clientId: r.client_id },
          detail: { runbookId: r.runbook_id, enabled: r.enabled, requireApproval: r.require_approval },
        });
        return r;
      });
      return view(row);
    },
  );
};
