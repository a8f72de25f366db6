/**
 * The monthly packet of a lab site, end to end against the real stack (PostgreSQL, SeaweedFS with
 * Object Lock, a local RFC 3161 TSA and OpenTimestamps calendars): a month of history is made over
 * real WinRM against lab hosts and recorded through the real evidence service with October 2026
 * times (support/lab-month.ts says exactly what is real and what is simulated); a client owner's
 * attestation (with a document) and a risk acceptance go through the real recording path; the
 * packet is then gathered from verified evidence, checked section by section against the history,
 * generated twice (byte-identical), rendered (pdftotext, pdfimages, pdftoppm), stored and logged as
 * evidence, and its pages written to test-output/packets/ for review.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPacket, frameworkPosture, TOPIC_LABELS, type Packet } from '@custos/core';
import { createAttestation, createRiskAcceptance, createUser, getCompliancePacketFile, putReportBranding, upsertHost, type Scope } from '@custos/db';
import { sha256, toHex } from '@custos/evidence';
import { loadCatalogue, type Catalogue } from '@custos/runbooks';
import { connectTemporal, startLabSite, uniqueName, type LabSiteHandle, type TemporalTestConnections } from '@custos/testkit';
import { commandExists, ensureDebianPackages } from '@custos/testkit/apt';
import { WinrmClient } from '@custos/winrm';
import { evidenceDb, liveBundles } from '../../src/central/evidence/index.js';
import { gatherPacketInput, packetCatalogue, packetFiles, partnerBranding, recordClientDecisions, storePacket, type PacketCatalogue } from '../../src/central/reports/index.js';
import { evidenceTestEnv, type EvidenceTestEnv } from '../evidence/support.js';
import { startLocalAnchoring, type LocalAnchoring } from './support/anchors.js';
import { publishTrustValidFrom } from './support/backdated-trust.js';
import { hex, readPpm, solidPng } from './support/images.js';
import { applicableRunbooks, pair, simulateLabMonth, type LabHost, type ScenarioEvent, type SimulatedMonth } from './support/lab-month.js';

const OUT = path.resolve(import.meta.dirname, '../../../test-output/packets');
const MONTH = '2026-10';
const PRIMARY = '#0b5394';
const ACCENT = '#e69138';
const SCENARIO: ScenarioEvent[] = [
  { day: 3, host: 'WS001', runbook: 'RB-WIN-SEC-006', heal: { tier: 'L1', afterMinutes: 20 } },
  { day: 10, host: 'WS002', runbook: 'RB-WIN-ENCRYPTION-001', approval: { decision: 'approved', afterMinutes: 180, reason: 'Evening window agreed with the practice' }, heal: { tier: 'L3', afterMinutes: 185 } },
  { day: 20, host: 'FS01', runbook: 'RB-WIN-TIME-001' },
  { day: 25, host: 'DC01', runbook: 'RB-WIN-SEC-016', approval: { decision: 'rejected', afterMinutes: 240, reason: 'Reception screens must stay on during clinic hours' }, heal: { tier: 'L3', afterMinutes: 241 } },
];
const KIND_ROLE = { dc: 'domain_controller', server: 'server', workstation: 'workstation' } as const;

let env: EvidenceTestEnv;
let lab: LabSiteHandle;
let anchors: LocalAnchoring;
let temporal: TemporalTestConnections;
let catalogue: Catalogue;
let view: PacketCatalogue;
const winrm = new WinrmClient();
let hosts: LabHost[];
let month: SimulatedMonth;
let packet: Packet;
let files: Awaited<ReturnType<typeof packetFiles>>;
let text: string;
let clientId: string;
let partnerId: string;
let evidenceSiteId: string;
let bitcoinHeight: number;

const pdf = (name: string) => path.join(OUT, name);

beforeAll(async () => {
  ensureDebianPackages(['poppler-utils'], () => commandExists('pdftotext'));
  anchors = await startLocalAnchoring();
  env = await evidenceTestEnv('packet_lab', { sites: 1 });
  await publishTrustValidFrom(env.service, env.keys, '2026-09-01T00:00:00.000Z', [{ name: 'Custos Test TSA', certificate: anchors.tsa.rootDer }]);
  catalogue = loadCatalogue();
  view = packetCatalogue(catalogue);
  const site = env.sites[0]!;
  ({ clientId, partnerId } = site);
  const platform: Scope = { kind: 'platform' };
  // The deployment as it stood before the month: names, and inventory dated September.
  await sql`update partners set name = 'Northwind MSP' where id = ${partnerId}`.execute(env.db);
  await sql`update clients set name = 'Maple Family Practice' where id = ${clientId}`.execute(env.db);
  await sql`update sites set name = 'Main office', created_at = '2026-09-01T00:00:00Z' where id = ${site.siteId}`.execute(env.db);
  lab = await startLabSite({ hosts: 4, kinds: ['dc', 'server', 'workstation', 'workstation'], seed: 10 });
  hosts = [];
  for (const h of lab.hosts) {
    const row = (await upsertHost(env.db, platform, { siteId: site.siteId, hostname: h.name, os: null, role: KIND_ROLE[h.kind] }))!;
    hosts.push({ name: h.name, id: row.id, role: row.role });
  }
  await sql`update hosts set created_at = '2026-09-01T00:00:00Z' where site_id = ${site.siteId}`.execute(env.db);
  const approver = await createUser(env.db, platform, { email: `dana-${randomUUID()}@example.test`, displayName: 'Dana Approver', passwordHash: null, role: 'partner_tech', partnerId, clientId: null, expiresAt: null, grantClientIds: [] });
  const owner = await createUser(env.db, platform, { email: `olivia-${randomUUID()}@example.test`, displayName: 'Olivia Owner', passwordHash: null, role: 'client_owner', partnerId, clientId, expiresAt: null, grantClientIds: [] });

  temporal = await connectTemporal();
  month = await simulateLabMonth(
    {
      db: env.db, service: env.service, catalogue, lab, winrm, siteId: site.siteId, scope: { kind: 'site', partnerId, clientId, siteId: site.siteId }, hosts, approver,
      runtime: { db: env.db, catalogue, temporal: temporal.client, flywheelWorkflowId: uniqueName('flywheel') },
    },
    SCENARIO,
  );

  // A client owner's decisions, through the same path the API uses: a row, then recorded as evidence.
  const clients: Scope = { kind: 'clients', partnerId, clientIds: [clientId] };
  const policyPdf = Buffer.from('%PDF-1.4\n% Security officer designation, signed by the practice owner\n');
  await createAttestation(env.db, clients, {
    clientId, framework: 'hipaa', controlId: '164.308(a)(2)', statement: 'Dr. Maple is the security official, named in writing in the attached letter.',
    attestedBy: owner.id, attestedByName: 'Olivia Owner', attestedAt: new Date('2026-10-05T10:00:00Z'), validUntil: new Date('2027-10-05T10:00:00Z'),
    document: { name: 'security-official.pdf', contentType: 'application/pdf', sha256: toHex(sha256(policyPdf)), bytes: policyPdf },
  });
  await createRiskAcceptance(env.db, clients, {
    clientId, subject: 'RB-WIN-SEC-015', scope: 'WS002 (label printer station)', reason: 'The label printer only works over USB storage mode.',
    acceptedBy: owner.id, acceptedByName: 'Olivia Owner', acceptedAt: new Date('2026-10-12T15:00:00Z'), expiresAt: new Date('2027-04-12T15:00:00Z'),
  });
  const recorded = await recordClientDecisions(env.db, env.service, clientId, randomUUID());
  expect(recorded).toEqual({ attestations: 1, riskAcceptances: 1 });

  bitcoinHeight = (await anchors.anchorAll(anchors.service(env.service))).height;
  await putReportBranding(env.db, { kind: 'partner', partnerId }, { partnerId, primaryColor: PRIMARY, accentColor: ACCENT, logoPng: solidPng(48, 48, [0xe6, 0x91, 0x38]), updatedBy: approver.id });

  const gathered = await gatherPacketInput({ db: env.db, service: env.service, catalogue: view }, clientId, MONTH);
  evidenceSiteId = gathered.evidenceSiteId;
  packet = buildPacket(gathered.input);
  files = await packetFiles(packet, await partnerBranding(env.db, partnerId));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(pdf('packet-2026-10.pdf'), files.pdf);
  writeFileSync(pdf('packet-2026-10.json'), files.json);
  text = execFileSync('pdftotext', ['-layout', pdf('packet-2026-10.pdf'), '-'], { encoding: 'utf8' });
}, 600_000);

afterAll(async () => {
  winrm.close();
  await temporal?.close();
  await lab?.stop();
  await env?.close();
  await anchors?.close();
});

const hostId = (name: string) => hosts.find((h) => h.name === name)!.id;
const normal = (s: string) => s.replace(/\s+/g, ' ');

describe('packet from a month of lab history', () => {
  it('is the same bytes when generated again from the same evidence', async () => {
    const again = await gatherPacketInput({ db: env.db, service: env.service, catalogue: view }, clientId, MONTH);
    const second = await packetFiles(buildPacket(again.input), await partnerBranding(env.db, partnerId));
    expect(second.jsonSha256).toBe(files.jsonSha256);
    expect(Buffer.from(second.json).equals(Buffer.from(files.json))).toBe(true);
    expect(Buffer.from(second.pdf).equals(Buffer.from(files.pdf))).toBe(true);
  }, 300_000);

  it('findings: opened, healed by tier, escalated, still open and mean time to heal match the history', () => {
    const inMonth = month.ledger.filter((i) => i.openedAt >= '2026-10-01' && i.openedAt < '2026-11-01');
    const healed = month.ledger.filter((i) => i.outcome === 'healed' && i.closedAt! >= '2026-10-01' && i.closedAt! < '2026-11-01');
    const minutes = healed.map((i) => (Date.parse(i.closedAt!) - Date.parse(i.openedAt)) / 60_000);
    expect(inMonth).toHaveLength(4);
    expect(packet.findings).toEqual({
      opened: 4,
      healed: 2,
      healedByTier: { L1: 1, L2: 0, L3: 1 },
      escalated: 1,
      stillOpen: month.ledger.filter((i) => i.outcome !== 'healed').length,
      meanTimeToHealMinutes: minutes.reduce((a, b) => a + b, 0) / minutes.length,
    });
    expect(packet.findings.meanTimeToHealMinutes).toBe(102.5);
    expect(normal(text)).toContain(`Opened 4 · healed 2 · escalated 1 · still open at month end ${packet.findings.stillOpen} · mean time to heal 102.5 min`);
  });

  it('approvals: each signed decision with the approver by name and the reason recorded with that plan', () => {
    expect(packet.approvals.map((a) => ({ runbookId: a.runbookId, decision: a.decision, approver: a.approver, decidedAt: a.decidedAt, reason: a.reason }))).toEqual([
      { runbookId: 'RB-WIN-ENCRYPTION-001', decision: 'approve', approver: 'Dana Approver', decidedAt: '2026-10-10T09:00:00.000Z', reason: 'Evening window agreed with the practice' },
      { runbookId: 'RB-WIN-SEC-016', decision: 'reject', approver: 'Dana Approver', decidedAt: '2026-10-25T10:00:00.000Z', reason: 'Reception screens must stay on during clinic hours' },
    ]);
    expect(text).toContain('Dana Approver');
    expect(normal(text)).toContain('Evening window agreed');
  });

  it('HIPAA items: the attested item shows who and when, not automated; unattested manual items list their task', () => {
    const official = packet.hipaaItems.find((i) => i.id === '164.308(a)(2)')!;
    expect(official).toMatchObject({ evidence: 'manual', status: 'pass', reason: 'attested by Olivia Owner on 2026-10-05' });
    expect(official.openTask).toBeUndefined();
    const riskAnalysis = packet.hipaaItems.find((i) => i.id === '164.308(a)(1)(ii)(A)')!;
    expect(riskAnalysis).toMatchObject({ evidence: 'manual', status: 'manual-pending', openTask: catalogue.controls.get('hipaa')!.controls.find((c) => c.id === '164.308(a)(1)(ii)(A)')!.manualTask });
    expect(packet.hipaaItems).toHaveLength(catalogue.controls.get('hipaa')!.controls.length);
    // The table wraps cells side by side; the sentence starts in the Basis column.
    expect(normal(text)).toContain('attested by Olivia Owner on');
  });

  it('HIPAA items evidenced by checks: pass counts over the hosts equal the last scan of the month', () => {
    for (const item of packet.hipaaItems.filter((i) => i.evidence === 'automated')) {
      const control = view.controls.find((c) => c.framework === 'hipaa' && c.id === item.id)!;
      let passing = 0;
      let total = 0;
      for (const h of hosts) {
        for (const r of control.runbooks) {
          if (!applicableRunbooks(catalogue, h).some((x) => x.id === r)) continue;
          total += 1;
          if (month.finalResults.get(pair(h.name, r)) === 'pass') passing += 1;
        }
      }
      expect(item.reason, item.id).toBe(`${passing} of ${total} host checks pass`);
      expect(item.status, item.id).toBe(passing === total ? 'pass' : passing === 0 ? 'fail' : 'partial');
    }
  });

  it('posture: scores are the one formula over the checks as scanned, last month from the state on 1 October', () => {
    for (const p of packet.posture) {
      const applicable = p.counts.pass + p.counts.partial + p.counts.fail + p.counts['manual-pending'];
      expect(p.score, p.framework).toBe(applicable === 0 ? null : Math.round((1000 * (p.counts.pass + 0.5 * p.counts.partial)) / applicable) / 10);
    }
    // The same posture from the simulation's own record of results (not from the evidence read back).
    const observed = (results: Map<string, 'pass' | 'fail'>, at: string) => [
      ...view.notApplicable(hosts.map((h) => ({ id: h.id, kind: h.role }))),
      ...[...results].map(([k, outcome]) => ({ hostId: hostId(k.split('|')[0]!), runbookId: k.split('|')[1]!, outcome, observedAt: at, evidenceId: k })),
    ];
    const attested = [{ framework: 'hipaa' as const, controlId: '164.308(a)(2)', attestedBy: 'Olivia Owner', attestedAt: '2026-10-05T10:00:00.000Z', validUntil: '2027-10-05T10:00:00.000Z', evidenceId: 'a' }];
    const scope = { controls: view.controls, hostIds: hosts.map((h) => h.id) };
    for (const framework of view.frameworks) {
      const now = frameworkPosture(framework, { ...scope, observations: observed(month.finalResults, '2026-10-31T06:00:00.000Z'), attestations: attested, asOf: '2026-11-01T00:00:00.000Z' });
      const before = frameworkPosture(framework, { ...scope, observations: observed(month.startResults, '2026-09-30T08:00:00.000Z'), attestations: [], asOf: '2026-10-01T00:00:00.000Z' });
      expect(packet.posture.find((p) => p.framework === framework), framework).toMatchObject({ score: now.score, previousScore: before.score, counts: now.counts });
    }
    const hipaa = packet.posture.find((p) => p.framework === 'hipaa')!;
    expect(normal(text)).toContain(normal(packet.executiveSummary.headline));
    // Day by day, the score of the hosts as they stood at each day's end (the attestation counts from 5 October).
    for (let d = 1; d <= 31; d++) {
      const end = new Date(Date.UTC(2026, 9, d + 1)).toISOString();
      const expected = frameworkPosture('hipaa', { ...scope, observations: observed(month.dayEnd.get(d)!, new Date(Date.UTC(2026, 9, d, 12)).toISOString()), attestations: attested, asOf: end });
      expect(packet.hipaaScoreTrend[d - 1], end).toEqual({ date: end.slice(0, 10), score: expected.score });
    }
    const day = (d: string) => packet.hipaaScoreTrend.find((t) => t.date === d)!.score!;
    expect(day('2026-10-06')).toBeGreaterThan(day('2026-10-05'));
    expect(packet.hipaaScoreTrend).toHaveLength(31);
    expect(packet.hipaaScoreTrend.at(-1)!.score).toBe(hipaa.score);
  });

  it('workstations and servers: compliant counts and failing hosts equal the last scan', () => {
    const groups = { workstations: hosts.filter((h) => h.role === 'workstation'), backupAndTime: hosts.filter((h) => h.role !== 'workstation') };
    const topicsOf = { workstations: ['encryption', 'antivirus', 'patches', 'firewall', 'screenLock'], backupAndTime: ['backup', 'timeSync'] } as const;
    for (const section of ['workstations', 'backupAndTime'] as const) {
      expect(packet[section].map((r) => r.topic)).toEqual(topicsOf[section].map((t) => TOPIC_LABELS[t]));
      for (const topic of topicsOf[section]) {
        const row = packet[section].find((r) => r.topic === TOPIC_LABELS[topic])!;
        const runbooks = view.topics[topic];
        const concerned = groups[section].filter((h) => runbooks.some((r) => applicableRunbooks(catalogue, h).some((x) => x.id === r)));
        const failing = concerned.filter((h) => runbooks.some((r) => applicableRunbooks(catalogue, h).some((x) => x.id === r) && month.finalResults.get(pair(h.name, r)) !== 'pass'));
        expect(row, topic).toEqual({ topic: TOPIC_LABELS[topic], total: concerned.length, compliant: concerned.length - failing.length, failingHosts: failing.map((h) => h.name).sort() });
      }
    }
    expect(packet.backupAndTime.find((r) => r.topic === TOPIC_LABELS.timeSync)!.failingHosts).toContain('FS01');
    expect(packet.workstations.find((r) => r.topic === TOPIC_LABELS.antivirus)!.failingHosts).not.toContain('WS001');
  });

  it('exceptions: the accepted risk, by whom and until when', () => {
    expect(packet.exceptions).toEqual([
      { id: expect.any(String), subject: 'RB-WIN-SEC-015', scope: 'WS002 (label printer station)', reason: 'The label printer only works over USB storage mode.', acceptedBy: 'Olivia Owner', acceptedAt: '2026-10-12T15:00:00.000Z', expiresAt: '2027-04-12T15:00:00.000Z' },
    ]);
    expect(normal(text)).toContain('label printer');
  });

  it('evidence manifest: bundles of the month, the covering checkpoint, its RFC 3161 time and Bitcoin block', async () => {
    const [log] = packet.evidence;
    const stored = await evidenceDb(env.db).selectFrom('evidence_site_logs').select('size').where('site_id', '=', evidenceSiteId).executeTakeFirstOrThrow();
    // 31 scans, 2 + 2 heal-path bundles per healed/rejected case, the attestation and the risk acceptance.
    expect(log).toMatchObject({ siteId: evidenceSiteId, bundlesThisPeriod: month.bundlesInMonth + 2, entries: month.bundlesTotal + 2 });
    expect(Number(stored.size)).toBe(month.bundlesTotal + 2);
    expect(log!.latestCheckpoint!.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(log!.anchors).toEqual([
      { checkpointSize: expect.any(Number), kind: 'rfc3161', time: expect.stringMatching(/^2026-/), status: 'confirmed' },
      { checkpointSize: expect.any(Number), kind: 'bitcoin', blockHeight: bitcoinHeight, time: expect.any(String), status: 'confirmed' },
    ]);
    expect(text).toContain(`Bitcoin block ${bitcoinHeight}`);
    expect(text).toContain(log!.latestCheckpoint!.rootHash.slice(0, 16));
    expect(packet.evidenceTotals).toMatchObject({ bundlesThisPeriod: month.bundlesInMonth + 2, anchoredConfirmed: 2, anchoredPending: 0 });
  });

  it('how to verify names the verify command with the trust root', () => {
    const root = packet.howToVerify.join('\n').match(/--trust-root ([0-9a-f]{64})/)![1]!;
    expect(root).toBe(toHex(sha256(env.keys.root!.publicKey)));
    expect(text).toContain('custos verify');
  });

  it('branding: partner name, logo image and primary colour in the rendered PDF', () => {
    expect(text).toContain('Northwind MSP');
    expect(text).toContain('Maple Family Practice');
    const images = execFileSync('pdfimages', ['-list', pdf('packet-2026-10.pdf')], { encoding: 'utf8' });
    expect(images).toMatch(/^\s*1\s+0\s+image\s+48\s+48\s+rgb/m);
    execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', pdf('packet-2026-10.pdf'), pdf('cover')]);
    const ppm = path.join(OUT, readdirSync(OUT).find((f) => f.startsWith('cover') && f.endsWith('.ppm'))!);
    const cover = readPpm(readFileSync(ppm));
    rmSync(ppm);
    // The band at the top of the cover is the partner's primary colour; the logo sits in it.
    expect(hex(cover.pixel(cover.width - 10, 5))).toBe(PRIMARY);
  });

  it('is stored and logged as evidence once: PDF and JSON artefacts of a signed report bundle, indexed for download', async () => {
    const req = { clientId, month: MONTH, evidenceSiteId, packet, trigger: 'cli' as const, runId: randomUUID(), workflowId: null, requestedBy: null, startedAt: new Date().toISOString() };
    const first = await storePacket(env.db, env.service, req, files);
    const second = await storePacket(env.db, env.service, { ...req, runId: randomUUID() });
    expect(first.evidence.duplicate).toBe(false);
    expect(second).toMatchObject({ packetRowId: first.packetRowId, jsonSha256: first.jsonSha256, pdfSha256: first.pdfSha256, evidence: { seq: first.evidence.seq, duplicate: true } });
    const [report] = await liveBundles(env.service, clientId, new Date(), { kinds: ['report'] });
    expect(report!.statement.predicate.report).toEqual({ periodFrom: '2026-10-01T00:00:00.000Z', periodTo: '2026-11-01T00:00:00.000Z', frameworks: ['hipaa', 'soc2', 'nist-csf', 'nist-800-53', 'cis-v8'] });
    expect(report!.statement.subject.map((s) => s.digest.sha256).sort()).toEqual([files.jsonSha256, files.pdfSha256].sort());
    const download = (await getCompliancePacketFile(env.db, { kind: 'clients', partnerId, clientIds: [clientId] }, first.packetRowId, 'pdf'))!;
    expect(toHex(sha256(download.bytes))).toBe(files.pdfSha256);
    const retention = await env.service.store.retention(download.entry.pdf_object_key, download.entry.pdf_version_id!);
    expect(retention?.mode).toBe('COMPLIANCE');
  });

  it('renders to PNG pages for review in test-output/packets/', () => {
    execFileSync('pdftoppm', ['-r', '70', '-png', pdf('packet-2026-10.pdf'), pdf('page')]);
    const pages = readdirSync(OUT).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    const info = execFileSync('pdfinfo', [pdf('packet-2026-10.pdf')], { encoding: 'utf8' });
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(info)![1]));
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });
});
