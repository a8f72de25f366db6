import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createClient, createPartner, createSite, getClient, getPartner, getSite, listClients, listPartners, listSites } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope } from '../auth/request.js';
import { audit } from '../plugins/audit.js';
import { afterCommit } from '../temporal/after-commit.js';
import { errorResponses, IdParams, SafeText, Slug, Uuid } from '../schemas/common.js';
import { ClientView, clientView, PartnerView, partnerView, SiteView, siteView } from '../schemas/views.js';

const read = { auth: 'user', action: 'tenants.read' } as const;

/** Partners → clients → sites: listing, reading and creating, each limited to the caller's scope. */
export const tenantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get('/partners', { config: read, schema: { tags: ['tenants'], response: { 200: Type.Array(PartnerView), ...errorResponses } } }, async (request) =>
    (await listPartners(db, scope(request))).map(partnerView),
  );

  app.get('/partners/:id', { config: read, schema: { tags: ['tenants'], params: IdParams, response: { 200: PartnerView, ...errorResponses } } }, async (request) => {
    const p = await getPartner(db, scope(request), request.params.id);
    if (!p) throw new ApiError('not_found');
    return partnerView(p);
  });

  app.post(
    '/partners',
    {
      config: { auth: 'user', action: 'partners.create' },
      schema: { tags: ['tenants'], body: Type.Object({ name: SafeText(200), slug: Slug }, { additionalProperties: false }), response: { 201: PartnerView, ...errorResponses } },
    },
    async (request, reply) => {
      const partner = await db.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('partners').select('id').where('slug', '=', request.body.slug).executeTakeFirst();
        if (exists) throw new ApiError('conflict', 'body.slug is already taken', 'body.slug');
        const p = await createPartner(trx, scope(request), request.body);
        await audit(trx, request, { action: 'partners.create', target: { kind: 'partner', id: p.id }, tenant: { partnerId: p.id } });
        return p;
      });
      return reply.code(201).send(partnerView(partner));
    },
  );

  app.get('/clients', { config: read, schema: { tags: ['tenants'], response: { 200: Type.Array(ClientView), ...errorResponses } } }, async (request) =>
    (await listClients(db, scope(request))).map(clientView),
  );

  app.get('/clients/:id', { config: read, schema: { tags: ['tenants'], params: IdParams, response: { 200: ClientView, ...errorResponses } } }, async (request) => {
    const c = await getClient(db, scope(request), request.params.id);
    if (!c) throw new ApiError('not_found');
    return clientView(c);
  });

  app.post(
    '/partners/:id/clients',
    {
      config: { auth: 'user', action: 'clients.create' },
      schema: { tags: ['tenants'], params: IdParams, body: Type.Object({ name: SafeText(200) }, { additionalProperties: false }), response: { 201: ClientView, ...errorResponses } },
    },
    async (request, reply) => {
      const client = await db.transaction().execute(async (trx) => {
        const c = await createClient(trx, scope(request), { partnerId: request.params.id, name: request.body.name });
        if (!c) throw new ApiError('not_found');
        await audit(trx, request, { action: 'clients.create', target: { kind: 'client', id: c.id }, tenant: { partnerId: c.partner_id, clientId: c.id } });
        return c;
      });
      // After the commit: a Temporal outage must not undo or block the client (see afterCommit).
      await afterCommit(request, 'monthly packet schedule', { clientId: client.id }, () => app.deps.workflows.ensurePacketSchedule(client.id));
      return reply.code(201).send(clientView(client));
    },
  );

  app.get(
    '/sites',
    { config: read, schema: { tags: ['tenants'], querystring: Type.Object({ clientId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: Type.Array(SiteView), ...errorResponses } } },
    async (request) => (await listSites(db, scope(request), request.query)).map(siteView),
  );

  app.get('/sites/:id', { config: read, schema: { tags: ['tenants'], params: IdParams, response: { 200: SiteView, ...errorResponses } } }, async (request) => {
    const s = await getSite(db, scope(request), request.params.id);
    if (!s) throw new ApiError('not_found');
    return siteView(s);
  });

  app.post(
    '/clients/:id/sites',
    {
      config: { auth: 'user', action: 'sites.create' },
      schema: { tags: ['tenants'], params: IdParams, body: Type.Object({ name: SafeText(200) }, { additionalProperties: false }), response: { 201: SiteView, ...errorResponses } },
    },
    async (request, reply) => {
      const site = await db.transaction().execute(async (trx) => {
        const s = await createSite(trx, scope(request), { clientId: request.params.id, name: request.body.name });
        if (!s) throw new ApiError('not_found');
        await audit(trx, request, { action: 'sites.create', target: { kind: 'site', id: s.id }, tenant: { partnerId: s.partner_id, clientId: s.client_id } });
        return s;
      });
      // The entity holds the site's settings from the start; its Schedules wait for an appliance.
      await afterCommit(request, 'site entity workflow', { siteId: site.id }, () => app.deps.workflows.ensureSiteEntity(site.id));
      return reply.code(201).send(siteView(site));
    },
  );
};
