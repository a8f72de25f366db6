/**
 * GET /sites/:siteId/posture and GET /clients/:clientId/posture against real PostgreSQL and real
 * evidence: the packet world's client has three days of signed scans last month and a packet built
 * from them; the database here holds what those scans leave behind (hosts seen, the antivirus
 * finding on the first workstation from day 3). The API, the dashboard's model and the packet must
 * give the same score per framework — at the month's end and on every day of its trend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { POSTURE_FRAMEWORKS, recordedScopes, type Framework, type Packet } from '@custos/core';
import { postureRecords } from '@custos/db';
import { postureControls } from '@custos/runbooks';
import { scoresOverDays } from '../../../web/src/lib/models/compliance-score.js';
import type { PostureView } from '../../src/routes/posture.js';
import { startPacketWorld, type PacketWorld } from './support/packet-world.js';

let w: PacketWorld;
let packet: Packet;

type Who = keyof PacketWorld['actors'];
const get = (who: Who, url: string) => w.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${w.actors[who].token}` } });

beforeAll(async () => {
  w = await startPacketWorld('api_posture');
  packet = JSON.parse(Buffer.from(w.own.packet.json).toString('utf8')) as Packet;
  // What recording those scans left in the database (the scan activity's own rules: a failing check
  // opens a finding, a reachable host is marked seen).
  const [year, month] = w.month.split('-').map(Number) as [number, number];
  const day = (d: number) => new Date(Date.UTC(year, month - 1, d, 6));
  await sql`update hosts set last_seen_at = ${day(3)} where site_id = ${w.own.siteId}`.execute(w.env.db);
  const ws = await w.env.db.selectFrom('hosts').selectAll().where('site_id', '=', w.own.siteId).where('hostname', '=', 'WS003').executeTakeFirstOrThrow();
  await w.env.db
    .insertInto('findings')
    .values({ partner_id: ws.partner_id, client_id: ws.client_id, site_id: ws.site_id, host_id: ws.id, check_id: 'RB-WIN-AV-001', severity: 'high', status: 'open', summary: 'Defender real-time protection is off', observed_at: day(3), resolved_at: null })
    .execute();
}, 300_000);

afterAll(async () => {
  await w?.close();
});

const scoresOf = (v: PostureView) => Object.fromEntries(v.frameworks.map((f) => [f.framework, f.score]));

describe('posture through the API', () => {
  it('gives, per framework, the score the packet gives for the same evidence, for the site and the client', async () => {
    const asOf = packet.period.to;
    const fromPacket = Object.fromEntries(packet.posture.map((p) => [p.framework, p.score]));
    expect(Object.keys(fromPacket)).toEqual([...POSTURE_FRAMEWORKS]);
    // The failing antivirus check shows: not everything passes.
    expect(fromPacket.hipaa).toBeGreaterThan(0);
    expect(fromPacket.hipaa).toBeLessThan(100);

    const site = await get('partner_tech', `/sites/${w.own.siteId}/posture?asOf=${encodeURIComponent(asOf)}`);
    expect(site.statusCode).toBe(200);
    const siteView = site.json() as PostureView;
    expect(siteView).toMatchObject({ scope: { kind: 'site', id: w.own.siteId }, asOf, hostCount: 4 });
    expect(scoresOf(siteView)).toEqual(fromPacket);
    for (const f of siteView.frameworks) {
      const p = packet.posture.find((x) => x.framework === f.framework)!;
      expect(f.counts, f.framework).toEqual(p.counts);
    }
    expect(siteView.frameworks.map((f) => f.label)).toEqual(['HIPAA', 'SOC 2', 'NIST CSF 2.0', 'NIST 800-53', 'CIS v8']);

    const client = await get('client_viewer', `/clients/${w.own.clientId}/posture?asOf=${encodeURIComponent(asOf)}`);
    expect(client.statusCode).toBe(200);
    expect(client.json()).toMatchObject({ scope: { kind: 'client', id: w.own.clientId }, hostCount: 4 });
    expect(scoresOf(client.json() as PostureView)).toEqual(fromPacket);

    // The HIPAA items the packet lists carry the statuses the API gives their controls.
    const hipaa = new Map(siteView.frameworks.find((f) => f.framework === 'hipaa')!.controls.map((c) => [c.controlId, c.status]));
    for (const item of packet.hipaaItems) expect(hipaa.get(item.id), item.id).toBe(item.status);
  });

  it('agrees with the packet\'s HIPAA trend on every day from the first scan on', async () => {
    for (const point of packet.hipaaScoreTrend) {
      const asOf = `${point.date}T00:00:00.000Z`;
      const res = await get('auditor', `/clients/${w.own.clientId}/posture?asOf=${encodeURIComponent(asOf)}`);
      expect(res.statusCode).toBe(200);
      expect((res.json() as PostureView).frameworks[0]!.score, asOf).toBe(point.score);
    }
  });

  it('gives the dashboard model the same numbers from the same rows', async () => {
    const records = await postureRecords(w.env.db, { kind: 'platform' }, { siteIds: [w.own.siteId] });
    const site = recordedScopes(records, w.catalogue.runbooks).site(w.own.siteId);
    const { scores, trend } = scoresOverDays({ controls: postureControls(w.catalogue), ...site }, 32, Date.parse(packet.period.to));
    expect(scores).toEqual(Object.fromEntries(packet.posture.map((p) => [p.framework, p.score])));
    // Dashboard day D is scored at its last millisecond, the packet's point dated D+1 at its first.
    expect(trend.slice(0, 31).map((p) => p.scores.hipaa)).toEqual(packet.hipaaScoreTrend.map((p) => p.score));
    const api = (await get('partner_admin', `/sites/${w.own.siteId}/posture`)).json() as PostureView;
    // Now (after the month) nothing has changed since the month's end.
    expect(scoresOf(api)).toEqual(scores as Record<Framework, number | null>);
  });

  it('answers only within the caller\'s tenancy, with the same 404 as for nothing', async () => {
    expect((await get('otherAdmin', `/sites/${w.own.siteId}/posture`)).statusCode).toBe(404);
    expect((await get('otherAdmin', `/clients/${w.own.clientId}/posture`)).statusCode).toBe(404);
    expect((await get('foreignAuditor', `/clients/${w.own.clientId}/posture`)).statusCode).toBe(404);
    expect((await get('client_owner', `/sites/${w.sibling.siteId}/posture`)).statusCode).toBe(404);
    expect((await get('client_owner', `/clients/00000000-0000-4000-8000-000000000000/posture`)).statusCode).toBe(404);
    expect((await get('client_owner', `/clients/${w.own.clientId}/posture?asOf=yesterday`)).statusCode).toBe(400);
  });
});
