import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKit, checkpointBody, memorySource, OtsStampError, toHex, verifyKit } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { connectTemporal, runWorkers, uniqueName } from '@custos/testkit';
import type { RunningWorkers, TemporalTestConnections } from '@custos/testkit';
import type { anchorEvidence, upgradeAnchorProof } from '@custos/workflows';
import { startLocalTsa } from '../../../lib/testkit/src/tsa/index.js';
import type { LocalTsa } from '../../../lib/testkit/src/tsa/index.js';
import { startLocalCalendar } from '../../../lib/testkit/src/ots-calendar/index.js';
import type { LocalCalendar } from '../../../lib/testkit/src/ots-calendar/index.js';
import { AnchorService, ensureAnchoringSchedule, evidenceDb } from '../../src/central/evidence/index.js';
import type { EvidenceRequest } from '../../src/central/evidence/index.js';
import { evidenceTestEnv } from './support.js';
import type { EvidenceTestEnv } from './support.js';
import { readKitInputs } from './kit-inputs.js';

const run = promisify(execFile);

function scan(siteId: string, n: number): EvidenceRequest {
  const t = Date.now() - 600_000 + n * 1000;
  return { requestKey: `scan:anchoring:${n}`, siteId, kind: 'scan', runId: '0192f0c1-0000-7000-8000-0000000000aa', startedAt: new Date(t).toISOString(), finishedAt: new Date(t + 100).toISOString(), controls: [{ id: '164.312(b)', result: 'pass' }] };
}

/** One header endpoint over both test calendars' chains (they mine at different heights). */
async function headerServer(calendars: LocalCalendar[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const height = Number(/^\/block\/(\d+)\/header$/.exec(req.url ?? '')?.[1]);
    const hex = calendars.flatMap((c) => {
      try {
        return [toHex(c.header(height))];
      } catch {
        return []; // not this calendar's block
      }
    })[0];
    if (hex) res.writeHead(200, { 'content-type': 'text/plain' }).end(hex);
    else res.writeHead(404).end('Not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/block/{height}/header`, server };
}

describe('anchoring through a local RFC 3161 TSA and two OpenTimestamps calendars', () => {
  let env: EvidenceTestEnv;
  let tsa: LocalTsa;
  let calendars: LocalCalendar[];
  let headers: { url: string; server: Server };
  let anchoring: AnchorService;
  let temporal: TemporalTestConnections;
  let workers: RunningWorkers;
  let tmp: string;

  beforeAll(async () => {
    [tsa, ...calendars] = await Promise.all([startLocalTsa(), startLocalCalendar({ firstHeight: 900_000 }), startLocalCalendar({ firstHeight: 910_000 })]);
    headers = await headerServer(calendars);
    env = await evidenceTestEnv('anchoring', { sites: 2, trust: { tsaRoots: [{ name: 'Custos Test TSA', certificate: tsa.rootDer }], bitcoinMaxTarget: '207fffff' } });
    anchoring = new AnchorService(env.service, { tsaUrl: tsa.url, otsCalendars: calendars.map((c) => c.url), otsMinAttestations: 2, headerSource: headers.url, timeoutMs: 3000 });
    temporal = await connectTemporal();
    workers = await runWorkers({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      central: { centralVersion: 'test-central', evidence: { service: env.service, anchoring, temporal: temporal.client } },
      sites: [],
    });
    tmp = await mkdtemp(path.join(tmpdir(), 'custos-anchor-'));
    await Promise.all([0, 1, 2].map((n) => env.service.record(scan(env.sites[n % 2]!.siteId, n))));
  });

  afterAll(async () => {
    await workers?.stop();
    await temporal?.close();
    await env?.close();
    await Promise.all([tsa?.close(), ...(calendars ?? []).map((c) => c.close())]);
    headers?.server.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('refuses to count a submission unless two calendars answered, and stores nothing then', async () => {
    const cp = (await anchoring.checkpoint())!;
    calendars[1]!.setFault('http-500');
    try {
      await expect(anchoring.submit(cp.size, 0)).rejects.toThrow(/1 of 2 calendars returned a pending attestation, 2 required/);
      calendars[0]!.setFault('http-500');
      await expect(anchoring.submit(cp.size, 0)).rejects.toBeInstanceOf(OtsStampError);
    } finally {
      calendars.forEach((c) => c.setFault(undefined));
    }
    const row = await evidenceDb(env.db).selectFrom('evidence_anchor_checkpoints').selectAll().where('size', '=', String(cp.size)).executeTakeFirstOrThrow();
    expect(row.ots_state).toBeNull();
    expect(await env.service.store.list('anchors/')).toEqual([]);
  });

  it('a TSA failure stores no token', async () => {
    const cp = (await anchoring.checkpoint())!;
    tsa.setFault('garbage');
    try {
      await expect(anchoring.timestamp(cp.size)).rejects.toThrow();
    } finally {
      tsa.setFault(undefined);
    }
    expect((await evidenceDb(env.db).selectFrom('evidence_anchor_checkpoints').select('tsa_time').where('size', '=', String(cp.size)).executeTakeFirstOrThrow()).tsa_time).toBeNull();
  });

  it('anchors the checkpoint (TSA + OTS), alerts while the proof stays pending, then upgrades it to Bitcoin', async () => {
    const digestPosts = () => calendars.map((c) => c.requests().filter((r) => r === 'POST /digest').length);
    const postsBefore = digestPosts();
    const pass = await temporal.client.workflow.execute<typeof anchorEvidence>('anchorEvidence', {
      taskQueue: workers.centralTaskQueue,
      workflowId: uniqueName('anchor-evidence'),
      args: [{ otsMinIntervalSeconds: 0, upgrade: { retryAtSeconds: [1, 2], thenEverySeconds: 2, alertAfterSeconds: 4 } }],
    });
    expect(pass).toMatchObject({ state: 'anchored', tsa: { state: 'stamped' }, ots: { state: 'submitted', calendars: 2 } });
    if (pass.state !== 'anchored') throw new Error('no anchor');
    const db = evidenceDb(env.db);
    const row = await db.selectFrom('evidence_anchor_checkpoints').selectAll().where('size', '=', String(pass.size)).executeTakeFirstOrThrow();
    expect(digestPosts().map((n, i) => n - postsBefore[i]!)).toEqual([1, 1]);

    // The token verifies with stock OpenSSL against the throwaway root: what an auditor would run.
    const tsr = (await env.service.store.get(row.tsr_object_key!, row.tsr_version_id!))!;
    await writeFile(path.join(tmp, 'cp.txt'), checkpointBody(row.note));
    await writeFile(path.join(tmp, 'a.tsr'), tsr);
    await writeFile(path.join(tmp, 'root.pem'), tsa.rootPem);
    await writeFile(path.join(tmp, 'tsa.pem'), tsa.tsaPem);
    const { stdout } = await run('openssl', ['ts', '-verify', '-data', path.join(tmp, 'cp.txt'), '-in', path.join(tmp, 'a.tsr'), '-CAfile', path.join(tmp, 'root.pem'), '-untrusted', path.join(tmp, 'tsa.pem')]);
    expect(stdout).toContain('Verification: OK');

    // Nothing mined yet: the upgrade workflow keeps asking and raises one alert after 4 s.
    const upgradeId = `evidence-anchor-upgrade:${pass.size}:${row.body_sha256.slice(0, 16)}`;
    const upgrade = temporal.client.workflow.getHandle<typeof upgradeAnchorProof>(upgradeId);
    const deadline = Date.now() + 30_000;
    let alert;
    while (!alert && Date.now() < deadline) {
      alert = await db.selectFrom('evidence_alerts').selectAll().where('subject', '=', `anchor-checkpoint:${pass.size}`).executeTakeFirst();
      if (!alert) await new Promise((r) => setTimeout(r, 500));
    }
    expect(alert?.message).toMatch(new RegExp(`proof of anchor checkpoint ${pass.size} still pending \\d+ h after submission`));
    expect((await upgrade.describe()).status.name).toBe('RUNNING');
    expect(calendars[0]!.requests().filter((r) => r.startsWith('GET /timestamp/')).length).toBeGreaterThanOrEqual(2);

    calendars.forEach((c) => c.mine());
    const confirmed = await upgrade.result();
    // Both calendars' blocks carry the same time; either is the earliest Bitcoin bound.
    expect(confirmed).toMatchObject({ state: 'confirmed', size: pass.size });
    if (confirmed.state !== 'confirmed') throw new Error('not confirmed');
    expect([900_000, 910_000]).toContain(confirmed.height);
    const after = await db.selectFrom('evidence_anchor_checkpoints').selectAll().where('size', '=', String(pass.size)).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ ots_state: 'confirmed', btc_height: String(confirmed.height), btc_block_hash: confirmed.blockHash });
    expect((await env.service.store.list('anchors/btc-headers/')).sort()).toEqual([
      expect.stringMatching(/^anchors\/btc-headers\/900000-[0-9a-f]{64}\.hex$/),
      expect.stringMatching(/^anchors\/btc-headers\/910000-[0-9a-f]{64}\.hex$/),
    ]);
    expect(await db.selectFrom('evidence_alerts').select('id').execute()).toHaveLength(1);
  }, 120_000);

  it('takes a TSA token for every new checkpoint but submits to OpenTimestamps at most once per interval', async () => {
    await env.service.record(scan(env.sites[0]!.siteId, 3));
    const pass = await temporal.client.workflow.execute<typeof anchorEvidence>('anchorEvidence', {
      taskQueue: workers.centralTaskQueue,
      workflowId: uniqueName('anchor-evidence'),
      args: [{ otsMinIntervalSeconds: 3600 }],
    });
    expect(pass).toMatchObject({ state: 'anchored', newCheckpoint: true, tsa: { state: 'stamped' }, ots: { state: 'skipped' } });
  }, 60_000);

  it('exports a kit whose anchors verify offline: TSA time and Bitcoin block for the anchored checkpoints', async () => {
    const kit = buildKit(await readKitInputs(env, env.sites, env.keys.export));
    const report = await verifyKit(memorySource(kit), { verifier: nodeVerifier() });
    expect(report.failures).toEqual([]);
    const anchored = report.anchors.find((a) => a.bitcoin);
    expect(anchored).toMatchObject({ tsaTime: expect.any(String), bitcoin: { height: expect.any(Number), blockHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(report.sites.every((s) => s.anchoredEntries > 0)).toBe(true);
  });

  it('runs passes from one Temporal Schedule, created once and updated in place', async () => {
    const scheduleId = uniqueName('evidence-anchoring');
    await ensureAnchoringSchedule(temporal.client, { scheduleId, taskQueue: workers.centralTaskQueue, everyMinutes: 15 });
    await ensureAnchoringSchedule(temporal.client, { scheduleId, taskQueue: workers.centralTaskQueue, everyMinutes: 10, input: { otsMinIntervalSeconds: 3600 } });
    const handle = temporal.client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.spec.intervals).toMatchObject([{ every: 600_000 }]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'anchorEvidence', taskQueue: workers.centralTaskQueue, args: [{ otsMinIntervalSeconds: 3600 }] });
      await handle.trigger();
      let started: string | undefined;
      for (let i = 0; i < 60 && !started; i++) {
        started = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
        if (!started) await new Promise((r) => setTimeout(r, 500));
      }
      expect(started).toMatch(new RegExp(`^${scheduleId}-pass`));
      expect(await temporal.client.workflow.getHandle<typeof anchorEvidence>(started!).result()).toMatchObject({ state: 'anchored', ots: { state: 'skipped' } });
    } finally {
      await handle.delete();
    }
  }, 60_000);
});
