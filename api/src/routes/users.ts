import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createUser, findUserByEmail, listUsers } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope, userOf } from '../auth/request.js';
import { hashPassword } from '../auth/passwords.js';
import { audit } from '../plugins/audit.js';
import { DateTime, Email, errorResponses, Nullable, SafeText, Uuid } from '../schemas/common.js';

const Role = Type.Union([
  Type.Literal('platform_admin'),
  Type.Literal('partner_admin'),
  Type.Literal('partner_tech'),
  Type.Literal('client_owner'),
  Type.Literal('client_viewer'),
  Type.Literal('auditor'),
]);
const UserView = Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String(), role: Role, partnerId: Nullable(Uuid), clientId: Nullable(Uuid), expiresAt: Nullable(DateTime) });
const CreateBody = Type.Object(
  {
    email: Email,
    displayName: SafeText(200),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024, description: 'omit for OIDC-only users' })),
    role: Role,
    partnerId: Nullable(Uuid),
    clientId: Nullable(Uuid),
    expiresAt: Nullable(DateTime),
    grantClientIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true, description: 'auditors only: the clients they may read' })),
  },
  { additionalProperties: false },
);

/** The shape each role's membership must have (the database enforces the same with a CHECK). */
function checkShape(b: { role: string; partnerId: string | null; clientId: string | null; expiresAt: string | null; grantClientIds?: string[] | undefined }): void {
  const bad = (field: string, why: string) => new ApiError('invalid_request', `body.${field} ${why} for role ${b.role}`, `body.${field}`);
  const isClientRole = b.role === 'client_owner' || b.role === 'client_viewer';
  if (b.role === 'platform_admin' ? b.partnerId !== null : b.partnerId === null) throw bad('partnerId', b.role === 'platform_admin' ? 'must be null' : 'is required');
  if (isClientRole !== (b.clientId !== null)) throw bad('clientId', isClientRole ? 'is required' : 'must be null');
  if ((b.role === 'auditor') !== (b.expiresAt !== null)) throw bad('expiresAt', b.role === 'auditor' ? 'is required' : 'must be null');
  if (b.role !== 'auditor' && (b.grantClientIds ?? []).length > 0) throw bad('grantClientIds', 'must be empty');
  if (b.role === 'auditor' && b.expiresAt !== null && new Date(b.expiresAt) <= new Date()) throw bad('expiresAt', 'must be in the future');
}

/** Admins invite users into their own tenancy; the first password is set here, TOTP at first sign-in. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/users',
    { config: { auth: 'user', action: 'users.read' }, schema: { tags: ['users'], response: { 200: Type.Array(UserView), ...errorResponses } } },
    async (request) =>
      (await listUsers(db, scope(request))).map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.display_name,
        role: u.role,
        partnerId: u.partner_id,
        clientId: u.client_id,
        expiresAt: u.expires_at?.toISOString() ?? null,
      })),
  );

  app.post(
    '/users',
    { config: { auth: 'user', action: 'users.create' }, schema: { tags: ['users'], body: CreateBody, response: { 201: UserView, ...errorResponses } } },
    async (request, reply) => {
      const b = request.body;
      checkShape(b);
      if (b.role === 'platform_admin' && userOf(request).role !== 'platform_admin') throw new ApiError('forbidden');
      const passwordHash = b.password === undefined ? null : await hashPassword(b.password);
      const user = await db.transaction().execute(async (trx) => {
        if (await findUserByEmail(trx, b.email)) throw new ApiError('conflict', 'body.email is already registered', 'body.email');
        const u = await createUser(trx, scope(request), {
          email: b.email,
          displayName: b.displayName,
          passwordHash,
          role: b.role,
          partnerId: b.partnerId,
          clientId: b.clientId,
          expiresAt: b.expiresAt === null ? null : new Date(b.expiresAt),
          grantClientIds: b.grantClientIds ?? [],
        });
        await audit(trx, request, { action: 'users.create', target: { kind: 'user', id: u.id }, tenant: { partnerId: b.partnerId, clientId: b.clientId }, detail: { role: b.role } });
        return u;
      });
      return reply
        .code(201)
        .send({ id: user.id, email: user.email, displayName: user.display_name, role: b.role, partnerId: b.partnerId, clientId: b.clientId, expiresAt: b.expiresAt });
    },
  );
};
