import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplianceKeyPair, openDelivery } from '@custos/db';
import { REDACT } from '../src/app.js';
import { startHarness, type Harness } from './support/harness.js';
import { buildWorld, type World } from './support/world.js';

const PASSWORD = 'Unique-Pa55word-9f3c1e';
const USERNAME = 'CLINIC\\svc-custos-7a2b';

describe('appliances: one-time enrolment, heartbeats, revocation, sealed credential delivery', () => {
  let h: Harness;
  let w: World;
  const logs: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    h = await startHarness('api_appliances', { logger: { level: 'trace', stream, redact: { paths: REDACT, censor: '[redacted]' } } });
    w = await buildWorld(h.db);
  });
  afterAll(async () => h?.close());

  const admin = () => ({ authorization: `Bearer ${w.actors.partner_admin.token}` });

  async function enrol(siteId: string, by = admin(), keys = generateApplianceKeyPair()) {
    const code = await h.app.inject({ method: 'POST', url: `/sites/${siteId}/enrolment-codes`, headers: by });
    expect(code.statusCode, code.body).toBe(201);
    const body = { code: code.json().code, name: 'pilot box', publicKey: keys.publicKey.toString('base64'), agentVersion: '0.1.0' };
    const res = await h.app.inject({ method: 'POST', url: '/appliance/enrol', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return { ...res.json(), keys, body } as { applianceId: string; siteId: string; taskQueue: string; token: string; keys: typeof keys; body: typeof body };
  }

  it('enrols once per code, bound to the code’s site; a replayed or unknown code is refused and audited', async () => {
    const a = await enrol(w.own.siteId);
    expect(a.siteId).toBe(w.own.siteId);
    expect(a.taskQueue).toBe(`site.${w.own.siteId}`);
    expect(a.token).toMatch(/^cap_/);
    const replay = await h.app.inject({ method: 'POST', url: '/appliance/enrol', payload: a.body });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error).toBe('enrolment_refused');
    const unknown = await h.app.inject({ method: 'POST', url: '/appliance/enrol', payload: { ...a.body, code: 'AAAAA-BBBBB-CCCCC-DDDDD' } });
    expect({ ...unknown.json(), requestId: 0 }).toEqual({ ...replay.json(), requestId: 0 });
    const refused = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'appliances.enrol').where('outcome', '=', 'refused').execute();
    expect(refused.length).toBe(2);
    const stored = await h.db.selectFrom('enrolment_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(a.body.code.replace(/-/g, ''));
  });

  it('an expired code is refused', async () => {
    const code = await h.app.inject({ method: 'POST', url: `/sites/${w.own.siteId}/enrolment-codes`, headers: admin() });
    await h.db.updateTable('enrolment_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    const res = await h.app.inject({ method: 'POST', url: '/appliance/enrol', payload: { code: code.json().code, name: 'late', publicKey: generateApplianceKeyPair().publicKey.toString('base64'), agentVersion: '0.1.0' } });
    expect(res.statusCode).toBe(401);
  });

  it('heartbeats record version and health; the fleet shows the site online', async () => {
    const a = await enrol(w.sibling.siteId);
    const hb = await h.app.inject({ method: 'POST', url: '/appliance/heartbeat', headers: { authorization: `Bearer ${a.token}` }, payload: { agentVersion: '0.2.0', health: { status: 'ok', queueDepth: 3 } } });
    expect(hb.statusCode, hb.body).toBe(200);
    const list = await h.app.inject({ url: `/sites/${w.sibling.siteId}/appliances`, headers: admin() });
    expect(list.json()).toContainEqual(expect.objectContaining({ id: a.applianceId, agentVersion: '0.2.0', status: 'online' }));
    const fleet = await h.app.inject({ url: '/fleet', headers: admin() });
    expect(fleet.json().items).toContainEqual(expect.objectContaining({ id: w.sibling.siteId, applianceStatus: 'online' }));
  });

  it('credentials are never echoed, sealed at rest, and delivered only sealed to the site’s own appliance', async () => {
    const a = await enrol(w.own.siteId);
    const b = await enrol(w.other.siteId, { authorization: `Bearer ${w.otherAdmin.token}` }); // another partner's appliance
    const tech = { authorization: `Bearer ${w.actors.partner_tech.token}` };
    const created = await h.app.inject({ method: 'POST', url: `/sites/${w.own.siteId}/credentials`, headers: tech, payload: { kind: 'domain', label: 'Domain admin', username: USERNAME, password: PASSWORD } });
    expect(created.statusCode, created.body).toBe(201);
    const listed = await h.app.inject({ url: `/sites/${w.own.siteId}/credentials`, headers: tech });
    const auditRows = await h.app.inject({ url: '/audit', headers: admin() });
    const row = await h.db.selectFrom('host_credentials').selectAll().where('id', '=', created.json().id).executeTakeFirstOrThrow();
    for (const text of [created.body, listed.body, auditRows.body, row.ciphertext.toString('latin1'), JSON.stringify(row)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('svc-custos-7a2b');
    }
    expect(row.key_id).toBe(h.keyring.currentKeyId);

    const delivered = await h.app.inject({ url: '/appliance/credentials', headers: { authorization: `Bearer ${a.token}` } });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.body).not.toContain(PASSWORD);
    const item = delivered.json().find((d: { credentialId: string }) => d.credentialId === created.json().id);
    const secret = JSON.parse(openDelivery(a.keys.privateKey, item.sealed, item.associatedData).toString());
    expect(secret).toEqual({ username: USERNAME, password: PASSWORD });
    expect(() => openDelivery(b.keys.privateKey, item.sealed, item.associatedData)).toThrow();

    const others = await h.app.inject({ url: '/appliance/credentials', headers: { authorization: `Bearer ${b.token}` } });
    expect(others.json().map((d: { credentialId: string }) => d.credentialId)).not.toContain(created.json().id);
    expect(logs.join('')).not.toContain(PASSWORD);
  });

  it('revocation takes effect on the very next call and the attempt is audited', async () => {
    const a = await enrol(w.own.siteId);
    const auth = { authorization: `Bearer ${a.token}` };
    expect((await h.app.inject({ url: '/appliance/credentials', headers: auth })).statusCode).toBe(200);
    const revoked = await h.app.inject({ method: 'POST', url: `/appliances/${a.applianceId}/revoke`, headers: admin() });
    expect(revoked.json().status).toBe('revoked');
    const hb = await h.app.inject({ method: 'POST', url: '/appliance/heartbeat', headers: auth, payload: { agentVersion: '0.1.0', health: { status: 'ok' } } });
    expect(hb.statusCode).toBe(401);
    expect((await h.app.inject({ url: '/appliance/credentials', headers: auth })).statusCode).toBe(401);
    const refused = await h.db.selectFrom('audit_log').select('action').where('outcome', '=', 'refused').where('action', 'in', ['appliances.heartbeat', 'appliances.credentials']).execute();
    expect(refused.length).toBe(2);
  });

  it('appliance and user credentials are not interchangeable', async () => {
    const a = await enrol(w.own.siteId);
    expect((await h.app.inject({ url: '/fleet', headers: { authorization: `Bearer ${a.token}` } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: `/sites/${w.own.siteId}/credentials`, headers: { authorization: `Bearer ${a.token}` } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/appliance/credentials', headers: admin() })).statusCode).toBe(401);
  });

  it('logs carry request ids but no tokens, cookies or passwords', () => {
    const all = logs.join('');
    expect(all).toContain('"reqId"');
    expect(all).not.toMatch(/cap_[A-Za-z0-9_-]{20}/);
    expect(all).not.toMatch(/cst_[A-Za-z0-9_-]{20}/);
    expect(all).not.toContain(PASSWORD);
  });
});
