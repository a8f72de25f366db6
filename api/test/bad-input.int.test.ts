import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';
import { buildWorld, enrolAppliance, type World } from './support/world.js';
import { OBJECT_ENDPOINTS, type Prepared } from './support/endpoints.js';
import { fingerprint } from './support/fingerprint.js';

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  maxLength?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
}

interface BadCase {
  what: string;
  body: unknown;
  field: string;
}

const wrongTypeFor = (s: JsonSchema): unknown => (s.type === 'string' || s.anyOf?.some((x) => x.type === 'string') ? 12345 : s.type === 'object' ? 'not an object' : 'not a number');

/**
 * The corpus for one endpoint, generated from its published OpenAPI request schema around a valid
 * body: wrong types, missing required fields, unknown fields, over-long strings, and — in every
 * field with a pattern or format — unicode tricks and SQL metacharacters.
 */
function corpus(schema: JsonSchema, valid: Record<string, unknown>): BadCase[] {
  const cases: BadCase[] = [
    { what: 'an array instead of an object', body: [valid], field: 'body' },
    { what: 'an unknown field', body: { ...valid, isAdmin: true }, field: 'body.isAdmin' },
  ];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const with_ = (v: unknown) => ({ ...valid, [name]: v });
    cases.push({ what: `${name}: wrong type`, body: with_(wrongTypeFor(prop)), field: `body.${name}` });
    if (schema.required?.includes(name)) {
      const { [name]: _omit, ...rest } = valid;
      cases.push({ what: `${name}: missing`, body: rest, field: `body.${name}` });
    }
    const strings = prop.type === 'string' ? [prop] : (prop.anyOf ?? []).filter((x) => x.type === 'string');
    for (const s of strings) {
      if (s.maxLength !== undefined) cases.push({ what: `${name}: ${s.maxLength + 1} characters`, body: with_('x'.repeat(s.maxLength + 1)), field: `body.${name}` });
      if (s.pattern !== undefined || s.format !== undefined) {
        // Free text (names, reasons) may hold quotes and semicolons — stored literally, see the
        // last test — but never invisible or direction-changing characters.
        const freeText = s.pattern?.startsWith('^[^\\u0000') === true;
        for (const [label, v] of [
          ['right-to-left override', 'abc\u202Egnp.exe'],
          ['NUL byte', 'abc\u0000def'],
          ['zero-width space', 'ad\u200Bmin'],
          ...(freeText ? [] : [['SQL metacharacters', "x'; drop table sites; --"] as const]),
        ] as const) {
          cases.push({ what: `${name}: ${label}`, body: with_(v), field: `body.${name}` });
        }
      }
    }
  }
  return cases;
}

describe('bad-input corpus per endpoint: 400 naming the field, nothing written', () => {
  let h: Harness;
  let w: World;
  let openapi: { paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>> };
  let applianceToken: string;

  beforeAll(async () => {
    h = await startHarness('api_bad_input');
    w = await buildWorld(h.db);
    openapi = (await h.app.inject({ url: '/openapi.json' })).json();
    applianceToken = (await enrolAppliance(h.db, w.own, w.actors.platform_admin.userId)).token;
  });
  afterAll(async () => h?.close());

  const extra: { route: string; auth: 'platform' | 'appliance' | 'none'; prepare: () => Prepared }[] = [
    { route: 'POST /partners', auth: 'platform', prepare: () => ({ method: 'POST', url: '/partners', body: { name: 'New partner', slug: 'new-partner' } }) },
    { route: 'POST /auth/sign-in', auth: 'none', prepare: () => ({ method: 'POST', url: '/auth/sign-in', body: { email: 'nobody@example.test', password: 'x' } }) },
    { route: 'POST /auth/tokens', auth: 'platform', prepare: () => ({ method: 'POST', url: '/auth/tokens', body: { name: 'ci', scopes: ['read'], expiresInDays: 30 } }) },
    {
      route: 'POST /appliance/enrol',
      auth: 'none',
      prepare: () => ({ method: 'POST', url: '/appliance/enrol', body: { code: 'ABCDE-FGHJK-LMNPQ-RSTUV', name: 'box', publicKey: Buffer.alloc(32, 1).toString('base64'), agentVersion: '0.1.0' } }),
    },
    { route: 'POST /appliance/heartbeat', auth: 'appliance', prepare: () => ({ method: 'POST', url: '/appliance/heartbeat', body: { agentVersion: '0.1.0', health: { status: 'ok' } } }) },
  ];

  async function run(route: string, auth: 'platform' | 'appliance' | 'none', req: Prepared): Promise<void> {
    const [method, path] = route.split(' ') as [string, string];
    const op = openapi.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    const schema = op?.requestBody?.content['application/json'].schema;
    expect(schema, `${route} publishes a request schema`).toBeDefined();
    const headers: Record<string, string> =
      auth === 'platform' ? { authorization: `Bearer ${w.actors.platform_admin.token}` } : auth === 'appliance' ? { authorization: `Bearer ${applianceToken}` } : {};
    const cases = corpus(schema!, req.body!);
    expect(cases.length).toBeGreaterThan(3);
    const before = await fingerprint(h.db);
    for (const c of cases) {
      const res = await h.app.inject({ method: req.method, url: req.url, headers, payload: c.body as object });
      const where = `${route} with ${c.what} answered ${res.statusCode} ${res.body}`;
      expect(res.statusCode, where).toBe(400);
      expect(res.json(), where).toMatchObject({ error: 'invalid_request', field: c.field });
      expect(res.json().message, where).toContain(c.field);
    }
    const raw = [
      { payload: '{"name": ', type: 'application/json', status: 400 },
      { payload: 'x'.repeat(70 * 1024), type: 'application/json', status: 413 },
      { payload: 'name=x', type: 'application/x-www-form-urlencoded', status: 415 },
    ];
    for (const r of raw) {
      const res = await h.app.inject({ method: req.method, url: req.url, headers: { ...headers, 'content-type': r.type }, payload: r.payload });
      expect(res.statusCode, `${route} with raw ${r.type} (${r.payload.length} bytes): ${res.body}`).toBe(r.status);
    }
    expect(await fingerprint(h.db), `${route}: a refused body wrote something`).toBe(before);
  }

  for (const e of OBJECT_ENDPOINTS.filter((x) => x.badInputElsewhere === undefined)) {
    it(e.route, async () => {
      const req = await e.prepare(h, w, w.own, false);
      if (req.body === undefined) {
        // No body: malformed path ids are the input to check.
        const bad = req.url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "1' or '1'='1");
        const res = await h.app.inject({ method: req.method, url: bad.replace(/ /g, '%20'), headers: { authorization: `Bearer ${w.actors.platform_admin.token}` } });
        expect(res.statusCode, `${e.route} ${res.body}`).toBe(400);
        expect(res.json().field).toMatch(/^params\./);
        return;
      }
      await run(e.route, 'platform', req);
    });
  }
  for (const e of extra) it(e.route, () => run(e.route, e.auth, e.prepare()));

  it('query strings: wrong numbers, out-of-range limits and forged cursors name the parameter', async () => {
    const headers = { authorization: `Bearer ${w.actors.platform_admin.token}` };
    for (const [url, field] of [
      ['/findings?limit=abc', 'query.limit'],
      ['/findings?limit=100000', 'query.limit'],
      ['/findings?status=opened', 'query.status'],
      ['/findings?cursor=' + Buffer.from("2026-01-01|x' or 1=1").toString('base64url'), 'query.cursor'],
      ['/fleet?unknown=1', 'query.unknown'],
      ['/audit?before=1;drop', 'query.before'],
    ] as const) {
      const res = await h.app.inject({ url, headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().field).toBe(field);
    }
  });

  it('SQL metacharacters in free text are stored literally, never executed', async () => {
    const name = "O'Brien Family Practice'); drop table sites; --";
    const res = await h.app.inject({
      method: 'POST',
      url: `/partners/${w.own.partnerId}/clients`,
      headers: { authorization: `Bearer ${w.actors.partner_admin.token}` },
      payload: { name },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(name);
    const sites = await h.db.selectFrom('sites').select('id').execute();
    expect(sites.length).toBeGreaterThanOrEqual(3);
  });
});
