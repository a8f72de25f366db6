/**
 * Manual controls as tasks a client owner attests, risk acceptances, and packets on demand — through
 * the API, with a real central worker recording decisions as evidence and generating the packet.
 * Packets are "as of" their month's end, so an attestation made today shows from this month's packet
 * on; packet-from-lab.int.test.ts shows an attested item in a packet, attested and never automated.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Packet } from '@custos/core';
import { evidenceDb } from '@custos/activities/evidence';
import { createClient } from '@custos/db';
import { makeUser } from '../support/world.js';
import { startPacketWorld, type PacketWorld } from './support/packet-world.js';

let w: PacketWorld;

beforeAll(async () => {
  w = await startPacketWorld('api_attest');
}, 300_000);

afterAll(async () => {
  await w?.close();
});

type Who = keyof PacketWorld['actors'];
const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  w.app.inject({ method, url, headers: { authorization: `Bearer ${w.actors[who].token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

const letter = Buffer.from('%PDF-1.4\n% Dr. Maple is named security official, signed 2026\n%%EOF\n');
const attestation = {
  framework: 'hipaa',
  controlId: '164.308(a)(2)',
  statement: 'Dr. Maple is the security official, named in writing (letter attached).',
  document: { name: 'security-official.pdf', contentType: 'application/pdf', contentBase64: letter.toString('base64') },
};

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('attestations and on-demand packets through the API', () => {
  it('lists the manual and partial HIPAA items as tasks, none attested yet', async () => {
    const res = await call('client_viewer', 'GET', `/clients/${w.own.clientId}/attestation-tasks?framework=hipaa`);
    expect(res.statusCode).toBe(200);
    const tasks = res.json() as { controlId: string; evidence: string; task: string; attestation: unknown }[];
    const hipaa = w.catalogue.controls.get('hipaa')!.controls.filter((c) => c.evidence !== 'automated');
    expect(tasks.map((t) => t.controlId)).toEqual(hipaa.map((c) => c.id));
    expect(tasks.find((t) => t.controlId === '164.308(a)(2)')).toMatchObject({ evidence: 'manual', task: hipaa.find((c) => c.id === '164.308(a)(2)')!.manualTask, attestation: null });
    expect((await call('client_viewer', 'GET', `/clients/${w.sibling.clientId}/attestation-tasks`)).statusCode).toBe(404);
  });

  it('only the client owner attests; the MSP and viewers are refused, other tenants see nothing', async () => {
    for (const who of ['partner_admin', 'partner_tech', 'client_viewer', 'auditor', 'platform_admin'] as const) {
      expect((await call(who, 'POST', `/clients/${w.own.clientId}/attestations`, attestation)).statusCode, who).toBe(403);
    }
    const foreign = await call('client_owner', 'POST', `/clients/${w.sibling.clientId}/attestations`, attestation);
    expect(foreign.statusCode).toBe(404);
    expect(await w.env.db.selectFrom('attestations').select('id').execute()).toEqual([]);
  });

  it('bad attestations get a clear error naming the field, and nothing is stored', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ ...attestation, controlId: '164.312(b)' }, 'body.controlId', /164\.312\(b\) is not a hipaa control a person can attest/],
      [{ ...attestation, controlId: '164.999' }, 'body.controlId', /not a hipaa control/],
      [{ ...attestation, document: { ...attestation.document, contentBase64: Buffer.from('not a pdf').toString('base64') } }, 'body.document.contentType', /not application\/pdf/],
      [{ ...attestation, validUntil: '2020-01-01T00:00:00Z' }, 'body.validUntil', /in the future/],
      [{ ...attestation, document: { ...attestation.document, name: '../etc/passwd' } }, 'body.document.name', /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await call('client_owner', 'POST', `/clients/${w.own.clientId}/attestations`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', field });
      expect(res.json().message).toMatch(message);
    }
    expect(await w.env.db.selectFrom('attestations').select('id').execute()).toEqual([]);
  });

  it('a client without a site has no evidence log: attesting is refused with the reason, nothing stored', async () => {
    const bare = (await createClient(w.env.db, { kind: 'platform' }, { partnerId: w.own.partnerId, name: 'New clinic' }))!;
    const owner = await makeUser(w.env.db, 'client_owner', { partnerId: w.own.partnerId, clientId: bare.id });
    const res = await w.app.inject({ method: 'POST', url: `/clients/${bare.id}/attestations`, headers: { authorization: `Bearer ${owner.token}` }, payload: attestation });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('the client has no site yet');
    expect(await w.env.db.selectFrom('attestations').select('id').where('client_id', '=', bare.id).execute()).toEqual([]);
  });

  it('the owner attests with a document; it becomes signed evidence and the task shows it', async () => {
    const res = await call('client_owner', 'POST', `/clients/${w.own.clientId}/attestations`, attestation);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ framework: 'hipaa', controlId: '164.308(a)(2)', attestedBy: { id: w.actors.client_owner.userId, name: 'client_owner user' }, document: { name: 'security-official.pdf', sha256: createHash('sha256').update(letter).digest('hex') } });
    const recorded = await until('the attestation to be recorded', async () => {
      const list = (await call('client_viewer', 'GET', `/clients/${w.own.clientId}/attestations`)).json() as { id: string; evidence: { state: string; digest?: string } }[];
      const item = list.find((a) => a.id === created.id);
      return item?.evidence.state === 'recorded' ? item : undefined;
    });
    expect(recorded.evidence).toMatchObject({ state: 'recorded', siteId: w.own.siteId, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The document is an artefact of that bundle in the store, under Object Lock.
    const index = await evidenceDb(w.env.db).selectFrom('evidence_index').select(['artefacts']).where('bundle_sha256', '=', recorded.evidence.digest!).executeTakeFirstOrThrow();
    const stored = index.artefacts.find((a) => a.name.endsWith('/security-official.pdf'))!;
    expect(Buffer.from((await w.env.service.store.get(stored.objectKey, stored.versionId))!)).toEqual(letter);
    const doc = await call('auditor', 'GET', `/attestations/${created.id}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload).toEqual(letter);
    expect((await call('foreignAuditor', 'GET', `/attestations/${created.id}/document`)).statusCode).toBe(404);
    const task = ((await call('client_owner', 'GET', `/clients/${w.own.clientId}/attestation-tasks?framework=hipaa`)).json() as { controlId: string; attestation: { id: string } | null }[]).find((t) => t.controlId === '164.308(a)(2)');
    expect(task?.attestation?.id).toBe(created.id);
  });

  it('the owner accepts a risk; it is recorded as evidence like an attestation', async () => {
    const res = await call('client_owner', 'POST', `/clients/${w.own.clientId}/risk-acceptances`, { subject: 'RB-WIN-SEC-015', scope: 'WS003 (label printer)', reason: 'The label printer needs USB storage mode.', expiresAt: null });
    expect(res.statusCode, res.body).toBe(201);
    expect((await call('partner_admin', 'POST', `/clients/${w.own.clientId}/risk-acceptances`, { subject: 'RB-WIN-SEC-015', scope: 'x', reason: 'y', expiresAt: null })).statusCode).toBe(403);
    await until('the risk acceptance to be recorded', async () => {
      const list = (await call('partner_tech', 'GET', `/clients/${w.own.clientId}/risk-acceptances`)).json() as { id: string; evidence: { state: string } }[];
      return list.find((r) => r.id === res.json().id && r.evidence.state === 'recorded');
    });
  });

  it('a packet generated on demand covers a finished month from that month\'s evidence: an attestation made today is not in it', async () => {
    expect((await call('client_viewer', 'POST', `/clients/${w.own.clientId}/packets`, { month: w.month })).statusCode).toBe(403);
    expect((await call('client_owner', 'POST', `/clients/${w.sibling.clientId}/packets`, { month: w.month })).statusCode).toBe(404);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const early = await call('client_owner', 'POST', `/clients/${w.own.clientId}/packets`, { month: thisMonth });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ field: 'body.month' });

    // The attestation is dated now; a packet of last month cannot contain it. The on-demand packet
    // of last month is still made from last month's evidence (same files as the one generated at start).
    const res = await call('client_owner', 'POST', `/clients/${w.own.clientId}/packets`, { month: w.month });
    expect(res.statusCode, res.body).toBe(202);
    const result = (await w.temporal.client.workflow.getHandle(res.json().workflowId).result()) as { packetRowId: string; pdfSha256: string };
    expect(result).toMatchObject({ packetRowId: w.own.packet.packetRowId, pdfSha256: w.own.packet.pdfSha256 });
    const audit = await w.env.db.selectFrom('audit_log').select(['outcome', 'target_id']).where('action', '=', 'reports.generate').orderBy('at').execute();
    // The viewer's and the sibling attempt were refused (and audited); the owner's went through.
    expect(audit).toEqual([{ outcome: 'refused', target_id: null }, { outcome: 'refused', target_id: null }, { outcome: 'ok', target_id: w.own.clientId }]);

    // As of last month's end nobody had attested it (the lab packet test shows an attested item).
    const json = (await call('client_owner', 'GET', `/packets/${w.own.packet.packetRowId}/json`)).json() as Packet;
    expect(json.hipaaItems.find((i) => i.id === '164.308(a)(2)')).toMatchObject({ status: 'manual-pending' });
  });
});
