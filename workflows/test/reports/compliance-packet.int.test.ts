/**
 * The compliancePacket workflow on the real stack: a central worker (database, catalogue, evidence
 * service) on a queue of its own; on-demand runs for a month, the same packet from unchanged
 * evidence, pending attestations recorded first, refused months, and the per-client Schedule
 * (1st of the month, 02:00 UTC) triggered to produce the previous month's packet.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { createAttestation, listCompliancePackets, type Scope } from '@custos/db';
import { loadCatalogue, type Catalogue } from '@custos/runbooks';
import { connectTemporal, runWorkers, uniqueName, type RunningWorkers, type TemporalTestConnections } from '@custos/testkit';
import type { CompliancePacketResult } from '../../src/reports/index.js';
import { AnchorService, liveBundles } from '../../../activities/src/central/evidence/index.js';
import { ensurePacketSchedule, packetScheduleId, removePacketSchedule } from '../../../activities/src/central/reports/index.js';
import { lastMonth, seedClient, type SeededClient } from '../../../activities/test/reports/support/seeded-client.js';
import { evidenceEnvVars } from '../../../activities/test/evidence/support.js';

// The month a Schedule started now reports on; the on-demand runs use it too, so all runs meet.
const MONTH = lastMonth();

let catalogue: Catalogue;
let seeded: SeededClient;
let temporal: TemporalTestConnections;
let workers: RunningWorkers;
let clients: Scope;

beforeAll(async () => {
  catalogue = loadCatalogue();
  seeded = await seedClient('packet_workflow', catalogue, { month: MONTH });
  clients = { kind: 'clients', partnerId: seeded.partnerId, clientIds: [seeded.clientId] };
  temporal = await connectTemporal();
  const { env } = seeded;
  workers = await runWorkers({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    central: {
      centralVersion: 'test-central',
      evidence: { service: env.service, anchoring: new AnchorService(env.service, { otsCalendars: [], otsMinAttestations: 2, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: temporal.client },
      scanHeal: { db: env.db, catalogue, temporal: temporal.client, flywheelWorkflowId: uniqueName('flywheel') },
    },
    sites: [],
  });
}, 300_000);

afterAll(async () => {
  if (temporal && seeded) await removePacketSchedule(temporal.client, seeded.clientId).catch(() => undefined);
  await workers?.stop();
  await temporal?.close();
  await seeded?.close();
});

const run = (args: Record<string, unknown>) =>
  temporal.client.workflow.execute('compliancePacket', { taskQueue: workers.centralTaskQueue, workflowId: uniqueName('compliance-packet'), args: [args] }) as Promise<CompliancePacketResult>;

describe('compliancePacket', () => {
  it('on demand: records the pending attestation first, then stores the packet as a signed report bundle', async () => {
    await createAttestation(seeded.env.db, clients, {
      clientId: seeded.clientId, framework: 'hipaa', controlId: '164.308(a)(2)', statement: 'Named in writing.', attestedBy: seeded.owner.id, attestedByName: seeded.owner.name,
      attestedAt: new Date(`${MONTH}-04T09:00:00Z`), validUntil: new Date(Date.parse(`${MONTH}-04T09:00:00Z`) + 365 * 86_400_000),
    });
    const result = await run({ clientId: seeded.clientId, month: MONTH, trigger: 'manual', requestedBy: seeded.owner.id });
    expect(result).toMatchObject({ clientId: seeded.clientId, month: MONTH, decisionsRecorded: 1, evidence: { siteId: seeded.siteId, duplicate: false } });
    const [row] = await listCompliancePackets(seeded.env.db, clients, { clientId: seeded.clientId, limit: 10 });
    expect(row).toMatchObject({ id: result.packetRowId, period_month: MONTH, trigger: 'manual', requested_by: seeded.owner.id, json_sha256: result.jsonSha256, pdf_sha256: result.pdfSha256, evidence_seq: String(result.evidence.seq) });
    expect(Number(row!.hipaa_score)).toBe(result.hipaaScore);
    const [report] = await liveBundles(seeded.env.service, seeded.clientId, new Date(), { kinds: ['report'] });
    expect(report!.digest).toBe(result.evidence.digest);
    expect(report!.statement.subject.map((s) => s.name).sort()).toEqual([`reports/packets/${MONTH}/${result.jsonSha256}.json`, `reports/packets/${MONTH}/${result.pdfSha256}.pdf`].sort());
    // The attestation counts in this packet: recorded as evidence before the packet was gathered.
    const attestation = await seeded.env.db.selectFrom('attestations').select(['evidence_digest', 'evidence_site_id']).executeTakeFirstOrThrow();
    expect(attestation).toMatchObject({ evidence_site_id: seeded.siteId, evidence_digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, 120_000);

  it('run again on unchanged evidence: the same files and the same evidence record, nothing new logged', async () => {
    const before = await seeded.env.db.selectFrom('evidence_index').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const [first] = await listCompliancePackets(seeded.env.db, clients, { clientId: seeded.clientId, limit: 1 });
    const again = await run({ clientId: seeded.clientId, month: MONTH, trigger: 'manual' });
    expect(again).toMatchObject({ packetRowId: first!.id, jsonSha256: first!.json_sha256, pdfSha256: first!.pdf_sha256, decisionsRecorded: 0, evidence: { duplicate: true } });
    const after = await seeded.env.db.selectFrom('evidence_index').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  }, 120_000);

  it('refuses a month that is not over and input that is not a client or a month, at once', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    for (const [args, message] of [
      [{ clientId: seeded.clientId, month: thisMonth, trigger: 'manual' }, `compliancePacket: ${thisMonth} is not over yet`],
      [{ clientId: 'not-a-client', month: '2026-10', trigger: 'manual' }, 'compliancePacket: clientId "not-a-client" is not a client id'],
      [{ clientId: seeded.clientId, month: '2026-13', trigger: 'manual' }, 'compliancePacket: month "2026-13" is not YYYY-MM'],
      [{ clientId: seeded.clientId, month: MONTH, trigger: 'sometimes' }, 'compliancePacket: trigger "sometimes" is not schedule or manual'],
      [{ clientId: randomUUID(), month: MONTH, trigger: 'manual' }, 'does not exist'],
    ] as const) {
      const failure = await run(args).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      // The workflow's own refusal, or the activity's (NotFound) under the activity failure.
      const messages: string[] = [];
      for (let e = (failure as WorkflowFailedError).cause as Error | undefined; e; e = e.cause as Error | undefined) messages.push(e.message);
      expect(messages.join(' / ')).toContain(message);
    }
  }, 120_000);

  it('a Schedule per client: monthly on the 1st at 02:00 UTC; a run it starts makes the previous month, the same packet as on demand', async () => {
    expect(await ensurePacketSchedule(temporal.client, seeded.clientId, workers.centralTaskQueue)).toBe('created');
    expect(await ensurePacketSchedule(temporal.client, seeded.clientId, workers.centralTaskQueue)).toBe('updated');
    const handle = temporal.client.schedule.getHandle(packetScheduleId(seeded.clientId));
    const described = await handle.describe();
    expect(described.spec.calendars).toEqual([expect.objectContaining({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 2, end: 2, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'compliancePacket', args: [{ clientId: seeded.clientId, trigger: 'schedule' }] });
    const next = described.info.nextActionTimes[0]!;
    expect([next.getUTCDate(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 2, 0]);

    await handle.trigger();
    let workflowId: string | undefined;
    for (let i = 0; i < 100 && !workflowId; i++) {
      workflowId = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
      if (!workflowId) await new Promise((r) => setTimeout(r, 200));
    }
    const result = (await temporal.client.workflow.getHandle(workflowId!).result()) as CompliancePacketResult;
    const [manual] = await listCompliancePackets(seeded.env.db, clients, { clientId: seeded.clientId, limit: 1 });
    // Same evidence, same month: the scheduled run's files are the on-demand ones, logged once.
    expect(result).toMatchObject({ month: MONTH, packetRowId: manual!.id, jsonSha256: manual!.json_sha256, evidence: { duplicate: true } });
    expect(await temporal.client.workflow.getHandle(workflowId!).describe()).toMatchObject({ type: 'compliancePacket', taskQueue: workers.centralTaskQueue });
  }, 180_000);

  it('custos packet generate writes the same files from the same evidence, recording nothing', async () => {
    const [stored] = await listCompliancePackets(seeded.env.db, clients, { clientId: seeded.clientId, limit: 1 });
    const before = await seeded.env.db.selectFrom('evidence_index').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const out = await mkdtemp(path.join(tmpdir(), 'custos-packet-'));
    const repo = path.resolve(import.meta.dirname, '../../..');
    const env = { ...process.env, ...evidenceEnvVars(seeded.env), CUSTOS_ENV: 'development' };
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(path.join(repo, 'node_modules/.bin/tsx'), [path.join(repo, 'cli/src/main.ts'), 'packet', ...args], { cwd: repo, env, timeout: 120_000 }, (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        });
      });
    try {
      const ok = await run(['generate', '--client', seeded.clientId, '--month', MONTH, '--out', out]);
      expect(ok.code, ok.stderr).toBe(0);
      const base = path.join(out, `compliance-packet-${MONTH}-${seeded.clientId.slice(0, 8)}`);
      const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
      expect(await sha(`${base}.pdf`)).toBe(stored!.pdf_sha256);
      expect(await sha(`${base}.json`)).toBe(stored!.json_sha256);
      expect(ok.stdout).toContain(`sha256 ${stored!.pdf_sha256}`);
      const after = await seeded.env.db.selectFrom('evidence_index').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
      const unknown = await run(['generate', '--client', randomUUID(), '--month', MONTH, '--out', out]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/custos packet: client [0-9a-f-]{36} does not exist/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 240_000);
});
