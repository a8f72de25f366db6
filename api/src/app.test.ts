import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { connectDatabase, CredentialKeyring } from '@custos/db';
import { buildApp } from './app.js';
import type { WorkflowGateway } from './temporal/gateway.js';

// Nothing here reaches a database or Temporal: the pool never connects because no route that
// queries is called with valid credentials.
const unused = (): never => {
  throw new Error('not reached in these tests');
};
const workflows: WorkflowGateway = { pendingPlan: unused, decide: unused, startScan: unused, ensureSiteEntity: unused, enableSiteSchedules: unused, ensurePacketSchedule: unused };

describe('app shell: OpenAPI, request ids, deny by default', () => {
  let app: FastifyInstance;
  const db = connectDatabase('postgresql://nobody@127.0.0.1:1/none', { max: 1 });

  beforeAll(async () => {
    app = await buildApp({ db, keyring: new CredentialKeyring(new Uint8Array(32)), workflows, publicUrl: new URL('http://127.0.0.1:3000'), allowInsecureOidcIssuer: false, authRateLimit: 10 });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it('publishes an OpenAPI 3.1 document that validates, with a schema for every body and response', async () => {
    const res = await app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    expect(doc.openapi).toBe('3.1.0');
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        operations++;
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path} documents no response`).toBeGreaterThan(0);
        if (['post', 'put', 'patch'].includes(method) && op.requestBody === undefined) {
          // bodyless actions are fine, but they must be the known ones
          expect(path, `${method} ${path} has no request body schema`).toMatch(/(resume|scans|enrolment-codes|revoke|sign-out)$/);
        }
      }
    }
    expect(operations).toBeGreaterThan(35);
  });

  it('serves a docs page', async () => {
    const res = await app.inject({ url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const ok = await app.inject({ url: '/health', headers: { 'x-request-id': 'trace-1234abcd' } });
    expect(ok.headers['x-request-id']).toBe('trace-1234abcd');
    const bad = await app.inject({ url: '/health', headers: { 'x-request-id': 'x\r\nset-cookie: a=b' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes and unauthenticated calls with the catalogue’s shape', async () => {
    const missing = await app.inject({ url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found', requestId: expect.any(String) });
    const anon = await app.inject({ url: '/fleet' });
    expect(anon.statusCode).toBe(401);
    const badBearer = await app.inject({ url: '/fleet', headers: { authorization: 'Basic abc' } });
    expect(badBearer.statusCode).toBe(401);
    expect(badBearer.json().message).toMatch(/Bearer/);
  });

  it('refuses to start with a route that declares no auth policy', async () => {
    const probe = await buildApp({ db, keyring: new CredentialKeyring(new Uint8Array(32)), workflows, publicUrl: new URL('http://127.0.0.1:3000'), allowInsecureOidcIssuer: false, authRateLimit: 10 });
    expect(() => probe.get('/unguarded', async () => ({}))).toThrow(/declares no auth policy/);
    expect(() => probe.get('/half', { config: { auth: 'user' } }, async () => ({}))).toThrow(/declares no action/);
    await probe.close();
  });
});
