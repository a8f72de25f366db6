import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackSealed, totpAad } from '@custos/db';
import { hashPassword } from '../src/auth/passwords.js';
import { currentTotp } from '../src/auth/totp.js';
import { startHarness, type Harness } from './support/harness.js';
import { buildWorld, makeUser, tokenFor, type World } from './support/world.js';

const PASSWORD = 'correct horse battery staple';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
  const session = set.find((c) => c.startsWith('__Host-custos_session='));
  if (!session) throw new Error('no session cookie set');
  return session.split(';')[0]!;
}

describe('sign-in: password (argon2id) then TOTP, cookie sessions with CSRF, API tokens', () => {
  let h: Harness;
  let w: World;
  let email: string;
  let userId: string;

  beforeAll(async () => {
    h = await startHarness('api_sign_in', { authRateLimit: 1000 });
    w = await buildWorld(h.db);
    const u = await makeUser(h.db, 'partner_admin', { partnerId: w.own.partnerId, clientId: null }, await hashPassword(PASSWORD));
    email = u.email;
    userId = u.userId;
  });
  afterAll(async () => h?.close());

  async function totpSecret(): Promise<string> {
    const u = await h.db.selectFrom('users').select(['totp_key_id', 'totp_secret_enc']).where('id', '=', userId).executeTakeFirstOrThrow();
    return h.keyring.open(unpackSealed(u.totp_key_id!, u.totp_secret_enc!), totpAad(userId)).toString();
  }

  /** Signs a fresh partner admin in (password, TOTP set-up, code): TOTP steps are single-use per user. */
  async function signIn(): Promise<{ cookie: string; csrf: string; userId: string }> {
    const u = await makeUser(h.db, 'partner_admin', { partnerId: w.own.partnerId, clientId: null }, await hashPassword(PASSWORD));
    const first = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email: u.email, password: PASSWORD } });
    expect(first.statusCode, first.body).toBe(200);
    const secret = new URL(first.json().otpauthUri).searchParams.get('secret')!;
    const second = await h.app.inject({ method: 'POST', url: '/auth/totp', payload: { code: await currentTotp(secret) }, headers: { cookie: cookieOf(first) } });
    expect(second.statusCode, second.body).toBe(200);
    return { cookie: cookieOf(second), csrf: second.json().csrfToken, userId: u.userId };
  }

  it('first sign-in enrols TOTP; the half-signed-in cookie grants nothing', async () => {
    const first = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: PASSWORD } });
    expect(first.json()).toMatchObject({ stage: 'totp_setup' });
    expect(first.json().otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const set = String(first.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/SameSite=Lax/);
    const pending = cookieOf(first);
    const me = await h.app.inject({ url: '/auth/me', headers: { cookie: pending } });
    expect(me.statusCode).toBe(401);
    const row = await h.db.selectFrom('users').select('totp_secret_enc').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.totp_secret_enc!.includes(Buffer.from((await totpSecret()).slice(0, 8)))).toBe(false); // sealed at rest
  });

  it('wrong password and unknown email answer alike; a wrong code is refused; a code is usable once', async () => {
    const wrong = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: 'nope' } });
    const unknown = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email: 'ghost@example.test', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect({ ...wrong.json(), requestId: 0 }).toEqual({ ...unknown.json(), requestId: 0 });

    const first = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: PASSWORD } });
    expect(first.json().stage).toBe('totp_required');
    const pending = cookieOf(first);
    const bad = await h.app.inject({ method: 'POST', url: '/auth/totp', payload: { code: '000000' }, headers: { cookie: pending } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toBe('totp_failed');

    const step = Math.floor(Date.now() / 30_000) + 1;
    const code = await currentTotp(await totpSecret(), step * 30);
    const ok = await h.app.inject({ method: 'POST', url: '/auth/totp', payload: { code }, headers: { cookie: pending } });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: PASSWORD } });
    const replay = await h.app.inject({ method: 'POST', url: '/auth/totp', payload: { code }, headers: { cookie: cookieOf(again) } });
    expect(replay.statusCode).toBe(401);
    // the pre-TOTP cookie was retired when the session became active
    expect((await h.app.inject({ method: 'POST', url: '/auth/totp', payload: { code }, headers: { cookie: pending } })).statusCode).toBe(401);
  });

  it('an active cookie session reads freely but changes state only with the CSRF token', async () => {
    const { cookie, csrf, userId: signedIn } = await signIn();
    expect((await h.app.inject({ url: '/auth/me', headers: { cookie } })).json()).toMatchObject({ userId: signedIn, role: 'partner_admin' });
    const url = `/sites/${w.own.siteId}/healing/pause`;
    const noToken = await h.app.inject({ method: 'POST', url, headers: { cookie }, payload: { reason: 'csrf' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('csrf_failed');
    const forged = await h.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': 'abc-def' }, payload: { reason: 'csrf' } });
    expect(forged.statusCode).toBe(403);
    const ok = await h.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf }, payload: { reason: 'csrf' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const out = await h.app.inject({ method: 'POST', url: '/auth/sign-out', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('locks the account after five failures, even for the right password', async () => {
    const u = await makeUser(h.db, 'partner_tech', { partnerId: w.own.partnerId, clientId: null }, await hashPassword(PASSWORD));
    for (let i = 0; i < 5; i++) await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email: u.email, password: 'wrong' } });
    const locked = await h.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email: u.email, password: PASSWORD } });
    expect(locked.statusCode).toBe(401);
    const audit = await h.db.selectFrom('audit_log').select(['action', 'outcome']).where('action', '=', 'auth.sign_in').where('outcome', '=', 'refused').execute();
    expect(audit.length).toBeGreaterThanOrEqual(6);
  });

  it('API tokens: shown once, hashed at rest, scoped, expiring, revocable, unable to mint tokens', async () => {
    const { cookie, csrf } = await signIn();
    const created = await h.app.inject({ method: 'POST', url: '/auth/tokens', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'ci', scopes: ['read'], expiresInDays: 1 } });
    expect(created.statusCode, created.body).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^cst_/);
    const stored = await h.db.selectFrom('api_tokens').selectAll().where('id', '=', apiToken.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    const auth = { authorization: `Bearer ${token}` };
    expect((await h.app.inject({ url: '/fleet', headers: auth })).statusCode).toBe(200);
    const write = await h.app.inject({ method: 'POST', url: `/sites/${w.own.siteId}/healing/resume`, headers: auth });
    expect(write.statusCode).toBe(403); // read-only scope
    expect((await h.app.inject({ method: 'POST', url: '/auth/tokens', headers: auth, payload: { name: 'x', scopes: ['read'], expiresInDays: 1 } })).statusCode).toBe(403);
    const listed = await h.app.inject({ url: '/auth/tokens', headers: { cookie } });
    expect(listed.body).not.toContain(token);

    const revoke = await h.app.inject({ method: 'DELETE', url: `/auth/tokens/${apiToken.id}`, headers: { cookie, 'x-csrf-token': csrf } });
    expect(revoke.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/fleet', headers: auth })).statusCode).toBe(401);

    const expired = await tokenFor(h.db, userId, ['read', 'write'], new Date(Date.now() - 1000));
    const r = await h.app.inject({ url: '/fleet', headers: { authorization: `Bearer ${expired}` } });
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toMatch(/expired/);
  });

  it('an auditor is read-only and loses access when the grant expires', async () => {
    const auditor = await makeUser(h.db, 'auditor', { partnerId: w.own.partnerId, clientId: null, grants: [w.own.clientId], expiresAt: new Date(Date.now() + 60_000) });
    const auth = { authorization: `Bearer ${auditor.token}` };
    expect((await h.app.inject({ url: '/findings', headers: auth })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: `/sites/${w.own.siteId}/healing/pause`, headers: auth, payload: { reason: 'x' } })).statusCode).toBe(403);
    await h.db.updateTable('memberships').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', auditor.userId).execute();
    expect((await h.app.inject({ url: '/findings', headers: auth })).statusCode).toBe(401);
  });

  it('rate-limits sign-in per address', async () => {
    const limited = await startHarness('api_rate_limit', { authRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email: 'x@example.test', password: 'y' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
