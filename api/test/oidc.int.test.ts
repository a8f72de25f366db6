import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentityProvider, type TestIdentityProvider } from '@custos/testkit/oidc';
import { startHarness, type Harness } from './support/harness.js';
import { buildWorld, makeUser, type World } from './support/world.js';

const PUBLIC_URL = 'http://127.0.0.1:3000';
const CLIENT_SECRET = 'idp-client-secret-5d1e';

function cookies(res: { headers: Record<string, unknown> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    out[pair!.slice(0, eq)] = pair!.slice(eq + 1);
  }
  return out;
}

describe('OIDC sign-in (authorization code + PKCE) against a local OpenID Provider', () => {
  let h: Harness;
  let w: World;
  let idp: TestIdentityProvider;
  let slug: string;
  let tech: { userId: string; email: string };

  beforeAll(async () => {
    idp = await startTestIdentityProvider({ clientId: 'custos', clientSecret: CLIENT_SECRET, redirectUris: [`${PUBLIC_URL}/auth/oidc/callback`] });
    h = await startHarness('api_oidc', { publicUrl: PUBLIC_URL });
    w = await buildWorld(h.db);
    slug = (await h.db.selectFrom('partners').select('slug').where('id', '=', w.own.partnerId).executeTakeFirstOrThrow()).slug;
    tech = await makeUser(h.db, 'partner_tech', { partnerId: w.own.partnerId, clientId: null });
    const put = await h.app.inject({
      method: 'PUT',
      url: `/partners/${w.own.partnerId}/oidc`,
      headers: { authorization: `Bearer ${w.actors.partner_admin.token}` },
      payload: { issuer: idp.issuer, clientId: 'custos', clientSecret: CLIENT_SECRET },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  async function start() {
    const res = await h.app.inject({ url: `/auth/oidc/${slug}/start` });
    expect(res.statusCode, res.body).toBe(302);
    return { location: String(res.headers.location), state: cookies(res)['custos_oidc']! };
  }

  async function callback(url: URL, stateCookie: string) {
    return h.app.inject({ url: url.pathname + url.search, cookies: { custos_oidc: decodeURIComponent(stateCookie) } });
  }

  it('signs a partner user in with PKCE and links the subject', async () => {
    const { location, state } = await start();
    const auth = new URL(location);
    expect(auth.origin).toBe(idp.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    idp.signInAs({ subject: 'idp-user-1', email: tech.email, emailVerified: true });
    const back = await idp.authorize(location);
    expect(back.href.startsWith(`${PUBLIC_URL}/auth/oidc/callback`)).toBe(true);
    const res = await callback(back, state);
    expect(res.statusCode, res.body).toBe(200);
    const session = cookies(res)['__Host-custos_session']!;
    const me = await h.app.inject({ url: '/auth/me', cookies: { '__Host-custos_session': session } });
    expect(me.json()).toMatchObject({ userId: tech.userId, role: 'partner_tech' });
    const link = await h.db.selectFrom('oidc_identities').selectAll().where('subject', '=', 'idp-user-1').executeTakeFirst();
    expect(link?.user_id).toBe(tech.userId);

    // the same code and state cannot be used twice
    const replay = await callback(back, state);
    expect(replay.statusCode).toBe(401);
  });

  it('refuses a forged state, an unverified email, and a user of another partner', async () => {
    const a = await start();
    idp.signInAs({ subject: 'idp-user-2', email: tech.email, emailVerified: true });
    const back = await idp.authorize(a.location);
    back.searchParams.set('state', 'forged-state');
    expect((await callback(back, a.state)).statusCode).toBe(401);

    const b = await start();
    idp.signInAs({ subject: 'idp-user-3', email: tech.email, emailVerified: false });
    expect((await callback(await idp.authorize(b.location), b.state)).statusCode).toBe(401);

    const c = await start();
    idp.signInAs({ subject: 'idp-user-4', email: w.otherAdmin.email, emailVerified: true });
    const res = await callback(await idp.authorize(c.location), c.state);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('oidc_failed');

    const noCookie = await h.app.inject({ url: '/auth/oidc/callback?code=x&state=y' });
    expect(noCookie.statusCode).toBe(401);
    const audit = await h.db.selectFrom('audit_log').select('outcome').where('action', '=', 'auth.oidc').where('outcome', '=', 'refused').execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps the client secret sealed at rest', async () => {
    const row = await h.db.selectFrom('oidc_providers').selectAll().where('partner_id', '=', w.own.partnerId).executeTakeFirstOrThrow();
    expect(row.client_secret_enc!.toString('latin1')).not.toContain(CLIENT_SECRET);
    expect(row.client_secret_key_id).toBe(h.keyring.currentKeyId);
  });
});
