import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { connectTemporal, runWorkers, uniqueName } from '@custos/testkit';
import type { RunningWorkers, TemporalTestConnections } from '@custos/testkit';
import type { anchorEvidence, exportWorkflowHistory, pingSite, upgradeAnchorProof } from '@custos/workflows';
import { startLocalTsa } from '../../../lib/testkit/src/tsa/index.js';
import type { LocalTsa } from '../../../lib/testkit/src/tsa/index.js';
import { startLocalCalendar } from '../../../lib/testkit/src/ots-calendar/index.js';
import type { LocalCalendar } from '../../../lib/testkit/src/ots-calendar/index.js';
import { AnchorService, evidenceDb } from '../../src/central/evidence/index.js';
import { evidenceTestEnv } from './support.js';
import type { EvidenceTestEnv } from './support.js';

// Runs each evidence workflow through its interesting path on the real server and checks that the
// recorded history replays against the same bundle. With CUSTOS_RECORD_FIXTURES=1 the histories are
// written to workflows/test/fixtures/histories/evidence/, where the workflows' replay suite keeps
// checking every later change against them. Payloads stay unencrypted here (the replay suite runs
// without keys); the evidence tests elsewhere use the production codec.

const FIXTURES = path.join(import.meta.dirname, '../../../workflows/test/fixtures/histories/evidence');
const PLAIN = {};

describe('evidence workflows: real runs whose histories replay (and become replay fixtures)', () => {
  let env: EvidenceTestEnv;
  let tsa: LocalTsa;
  let calendars: LocalCalendar[];
  let temporal: TemporalTestConnections;
  let workers: RunningWorkers;

  async function replays(name: string, history: History): Promise<void> {
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, name);
    if (process.env.CUSTOS_RECORD_FIXTURES === '1') {
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(path.join(FIXTURES, `${name}.json`), `${historyToJSON(history)}\n`);
    }
  }

  beforeAll(async () => {
    [tsa, ...calendars] = await Promise.all([startLocalTsa(), startLocalCalendar(), startLocalCalendar()]);
    env = await evidenceTestEnv('workflow_fixtures', { sites: 2, trust: { tsaRoots: [{ name: 'Custos Test TSA', certificate: tsa.rootDer }], bitcoinMaxTarget: '207fffff' } });
    const anchoring = new AnchorService(env.service, { tsaUrl: tsa.url, otsCalendars: calendars.map((c) => c.url), otsMinAttestations: 2, headerSource: `${calendars[0]!.url}/block/{height}/header` });
    temporal = await connectTemporal('custos-test', PLAIN);
    workers = await runWorkers({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      central: { centralVersion: 'test-central', evidence: { service: env.service, anchoring, temporal: temporal.client } },
      sites: [],
      dataConverter: PLAIN,
    });
  });

  afterAll(async () => {
    await workers?.stop();
    await temporal?.close();
    await env?.close();
    await Promise.all([tsa?.close(), ...(calendars ?? []).map((c) => c.close())]);
  });

  it('exportWorkflowHistory: waits for an open run, then records it', async () => {
    const siteId = env.sites[0]!.siteId;
    const workflowId = uniqueName('ping-site');
    // No appliance for this site: the run stays open until it is terminated.
    const run = await temporal.client.workflow.start<typeof pingSite>('pingSite', { taskQueue: workers.centralTaskQueue, workflowId, args: [siteId] });
    const exporter = await temporal.client.workflow.start<typeof exportWorkflowHistory>('exportWorkflowHistory', {
      taskQueue: workers.centralTaskQueue,
      workflowId: `history-evidence:${workflowId}`,
      args: [{ workflowId, runId: run.firstExecutionRunId, siteId, poll: { firstSeconds: 1, maxSeconds: 1 } }],
    });
    await new Promise((r) => setTimeout(r, 2500));
    await run.terminate('fixture: the appliance never came online');
    expect(await exporter.result()).toMatchObject({ siteId, seq: 0, duplicate: false });
    const history = await exporter.fetchHistory();
    expect(history.events!.filter((e) => e.timerStartedEventAttributes).length).toBeGreaterThanOrEqual(1);
    await replays('export-history-waited', history);
  });

  it('anchorEvidence and upgradeAnchorProof: anchored, alerted while pending, confirmed', async () => {
    const pass = await temporal.client.workflow.start<typeof anchorEvidence>('anchorEvidence', {
      taskQueue: workers.centralTaskQueue,
      workflowId: uniqueName('anchor-evidence'),
      args: [{ otsMinIntervalSeconds: 0, upgrade: { retryAtSeconds: [1], thenEverySeconds: 1, alertAfterSeconds: 2 } }],
    });
    const result = await pass.result();
    expect(result).toMatchObject({ state: 'anchored', tsa: { state: 'stamped' }, ots: { state: 'submitted' } });
    await replays('anchor-evidence', await pass.fetchHistory());

    if (result.state !== 'anchored') throw new Error('nothing anchored');
    const row = await evidenceDb(env.db).selectFrom('evidence_anchor_checkpoints').select('body_sha256').where('size', '=', String(result.size)).executeTakeFirstOrThrow();
    const upgrade = temporal.client.workflow.getHandle<typeof upgradeAnchorProof>(`evidence-anchor-upgrade:${result.size}:${row.body_sha256.slice(0, 16)}`);
    for (let i = 0; i < 60; i++) {
      if (await evidenceDb(env.db).selectFrom('evidence_alerts').select('id').executeTakeFirst()) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // Both calendars mine height 900000 of their own toy chains, and headers come from the first only:
    // the second one's attestation cannot verify and is left out rather than blocking confirmation.
    calendars.forEach((c) => c.mine());
    expect(await upgrade.result()).toMatchObject({ state: 'confirmed', size: result.size, height: 900_000 });
    const history = await upgrade.fetchHistory();
    const activities = history.events!.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType!.name] : []));
    expect(activities).toContain('raiseAnchorAlert');
    expect(activities.filter((a) => a === 'upgradeAnchorProof').length).toBeGreaterThanOrEqual(2);
    await replays('upgrade-anchor-proof', history);
  }, 60_000);
});

