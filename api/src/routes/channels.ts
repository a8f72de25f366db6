import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createChannel, deleteChannel, getPartner, listChannels, updateChannel, type NotificationChannel } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope } from '../auth/request.js';
import { audit } from '../plugins/audit.js';
import { DateTime, errorResponses, IdParams, SafeText, Severity, Uuid } from '../schemas/common.js';

const Kind = Type.Union([Type.Literal('email'), Type.Literal('webhook'), Type.Literal('chat')]);
const Target = Type.String({ minLength: 3, maxLength: 2000, pattern: '^(https://[^\\s]+|[^\\s@]+@[^\\s@]+)$', description: 'https URL or email address' });
const ChannelView = Type.Object({ id: Uuid, partnerId: Uuid, kind: Kind, name: Type.String(), target: Type.String(), minPriority: Severity, enabled: Type.Boolean(), createdAt: DateTime });
const view = (c: NotificationChannel) => ({
  id: c.id,
  partnerId: c.partner_id,
  kind: c.kind,
  name: c.name,
  target: c.target,
  minPriority: c.min_priority,
  enabled: c.enabled,
  createdAt: c.created_at.toISOString(),
});

const CreateBody = Type.Object({ partnerId: Uuid, kind: Kind, name: SafeText(100), target: Target, minPriority: Severity }, { additionalProperties: false });
const UpdateBody = Type.Object(
  { name: Type.Optional(SafeText(100)), target: Type.Optional(Target), minPriority: Type.Optional(Severity), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

function checkTarget(kind: string, target: string): void {
  if ((kind === 'email') !== !target.startsWith('https://')) {
    throw new ApiError('invalid_request', `body.target must be ${kind === 'email' ? 'an email address' : 'an https URL'} for a ${kind} channel`, 'body.target');
  }
}

/** Where a partner's escalations and reminders go (email, signed webhook, chat webhook). */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/notification-channels',
    { config: { auth: 'user', action: 'channels.read' }, schema: { tags: ['notifications'], response: { 200: Type.Array(ChannelView), ...errorResponses } } },
    async (request) => (await listChannels(db, scope(request))).map(view),
  );

  app.post(
    '/notification-channels',
    { config: { auth: 'user', action: 'channels.write' }, schema: { tags: ['notifications'], body: CreateBody, response: { 201: ChannelView, ...errorResponses } } },
    async (request, reply) => {
      checkTarget(request.body.kind, request.body.target);
      const created = await db.transaction().execute(async (trx) => {
        if (!(await getPartner(trx, scope(request), request.body.partnerId))) throw new ApiError('not_found');
        const c = await createChannel(trx, scope(request), request.body);
        await audit(trx, request, { action: 'channels.write', target: { kind: 'channel', id: c.id }, tenant: { partnerId: c.partner_id } });
        return c;
      });
      return reply.code(201).send(view(created));
    },
  );

  app.patch(
    '/notification-channels/:id',
    { config: { auth: 'user', action: 'channels.write' }, schema: { tags: ['notifications'], params: IdParams, body: UpdateBody, response: { 200: ChannelView, ...errorResponses } } },
    async (request) => {
      const updated = await db.transaction().execute(async (trx) => {
        const c = await updateChannel(trx, scope(request), request.params.id, request.body);
        if (!c) throw new ApiError('not_found');
        checkTarget(c.kind, c.target); // throws → the transaction rolls the change back
        await audit(trx, request, { action: 'channels.write', target: { kind: 'channel', id: c.id }, tenant: { partnerId: c.partner_id } });
        return c;
      });
      return view(updated);
    },
  );

  app.delete(
    '/notification-channels/:id',
    { config: { auth: 'user', action: 'channels.write' }, schema: { tags: ['notifications'], params: IdParams, response: { 200: ChannelView, ...errorResponses } } },
    async (request) => {
      const deleted = await db.transaction().execute(async (trx) => {
        const c = await deleteChannel(trx, scope(request), request.params.id);
        if (!c) throw new ApiError('not_found');
        await audit(trx, request, { action: 'channels.delete', target: { kind: 'channel', id: c.id }, tenant: { partnerId: c.partner_id } });
        return c;
      });
      return view(deleted);
    },
  );
};
