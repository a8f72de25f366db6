import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { fromBase64, fromUtf8, parseCanonical, parseEnvelope, sha256, toHex } from '@custos/evidence';
import type { EvidenceStatement } from '@custos/evidence';
import { connectTemporal, runWorkers, uniqueName } from '@custos/testkit';
import type { RunningWorkers, TemporalTestConnections } from '@custos/testkit';
import { FAILURE_CONVERTER_PATH } from '@custos/runtime';
import type { exportWorkflowHistory, pingSite } from '@custos/workflows';
import { runCli } from '../../../cli/test/run-cli.js';
import { AnchorService, workflowCodeFromFile } from '../../src/central/evidence/index.js';
import type { RecordedEvidence, WorkflowCode } from '../../src/central/evidence/index.js';
import { evidenceEnvVars, evidenceTestEnv } from './support.js';
import type { EvidenceTestEnv } from './support.js';

const NONDETERMINISTIC = path.join(import.meta.dirname, '../../../workflows/test/nondeterministic/ping-site-reordered.ts');

function statementOf(bytes: Uint8Array): EvidenceStatement {
  return JSON.parse(fromUtf8(fromBase64(parseEnvelope(parseCanonical(bytes).value).payload))) as EvidenceStatement;
}

describe('workflow histories as evidence → auditor kit → custos verify → custos replay (real workflows)', () => {
  let env: EvidenceTestEnv;
  let temporal: TemporalTestConnections;
  let workers: RunningWorkers;
  let code: WorkflowCode;
  let tmp: string;
  const completedId = uniqueName('ping-site');
  const terminatedId = uniqueName('ping-site');
  let completed: RecordedEvidence;
  let terminated: RecordedEvidence;

  beforeAll(async () => {
    env = await evidenceTestEnv('history_kit', { sites: 2 });
    temporal = await connectTemporal();
    code = workflowCodeFromFile(inject('workflowBundlePath'));
    workers = await runWorkers({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      central: {
        centralVersion: 'test-central',
        evidence: { service: env.service, anchoring: new AnchorService(env.service, { otsCalendars: [], otsMinAttestations: 2, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: temporal.client, workflowCode: code },
      },
      // The second site's appliance is offline: its pingSite stays open until terminated.
      sites: [{ siteId: env.sites[0]!.siteId, applianceVersion: 'test-appliance' }],
    });
    tmp = await mkdtemp(path.join(tmpdir(), 'custos-kit-'));
  });

  afterAll(async () => {
    await workers?.stop();
    await temporal?.close();
    await env?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('records the history of a completed run with the workflow code that ran it', async () => {
    const siteId = env.sites[0]!.siteId;
    const run = await temporal.client.workflow.start<typeof pingSite>('pingSite', { taskQueue: workers.centralTaskQueue, workflowId: completedId, args: [siteId] });
    await run.result();
    completed = await temporal.client.workflow.execute<typeof exportWorkflowHistory>('exportWorkflowHistory', {
      taskQueue: workers.centralTaskQueue,
      workflowId: `history-evidence:${completedId}`,
      args: [{ workflowId: completedId, runId: run.firstExecutionRunId, siteId, poll: { firstSeconds: 1, maxSeconds: 2 } }],
    });
    expect(completed).toMatchObject({ siteId, seq: 0, duplicate: false });

    const statement = statementOf((await env.service.store.get(completed.objectKey, completed.versionId!))!);
    expect(statement.predicate.history).toEqual({
      workflowType: 'pingSite',
      workflowId: completedId,
      workflowRunId: run.firstExecutionRunId,
      status: 'completed',
      eventCount: expect.stringMatching(/^\d+$/),
      workflowBundle: { sha256: code.sha256 },
    });
    // The stored history is the history as fetched (payloads still encrypted), and its digest is signed.
    // (Byte order of proto map entries such as payload metadata varies between fetches; content does not.)
    const site = env.sites[0]!;
    const stored = (await env.service.store.get(`evidence/${site.clientId}/${site.siteId}/histories/${run.firstExecutionRunId}.json`))!;
    const subject = statement.subject.find((s) => s.name === `histories/${run.firstExecutionRunId}.json`)!;
    expect(subject.digest.sha256).toBe(toHex(sha256(stored)));
    expect(JSON.parse(fromUtf8(stored))).toEqual(JSON.parse(historyToJSON(await run.fetchHistory())));
    expect(fromUtf8(stored)).toContain('"encoding": "YmluYXJ5L2VuY3J5cHRlZA=="');
    expect(statement.subject.map((s) => s.name)).toContain(`raw/workflow-code/${code.sha256}.js`);
  });

  it('waits for an open run to close (here: terminated) and then records it', async () => {
    const siteId = env.sites[1]!.siteId;
    const run = await temporal.client.workflow.start<typeof pingSite>('pingSite', { taskQueue: workers.centralTaskQueue, workflowId: terminatedId, args: [siteId] });
    const exporter = await temporal.client.workflow.start<typeof exportWorkflowHistory>('exportWorkflowHistory', {
      taskQueue: workers.centralTaskQueue,
      workflowId: `history-evidence:${terminatedId}`,
      args: [{ workflowId: terminatedId, runId: run.firstExecutionRunId, siteId, poll: { firstSeconds: 1, maxSeconds: 1 } }],
    });
    await new Promise((r) => setTimeout(r, 2500));
    const polls = (await exporter.fetchHistory()).events!.filter((e) => e.activityTaskCompletedEventAttributes).length;
    expect(polls).toBeGreaterThanOrEqual(1); // it asked, heard "open", and is waiting
    await run.terminate('test: appliance never came online');
    terminated = await exporter.result();
    expect(terminated).toMatchObject({ siteId, seq: 0 });
    const statement = statementOf((await env.service.store.get(terminated.objectKey, terminated.versionId!))!);
    expect(statement.predicate.history?.status).toBe('terminated');
  });

  it('exports a kit that custos verify accepts and custos replay replays against the recorded code', async () => {
    const cliEnv = evidenceEnvVars(env);
    const dir = path.join(tmp, 'kit');
    const exported = await runCli(['evidence', 'export', '--client', env.sites[0]!.clientId, '--from', '2000-01-01', '--to', new Date(Date.now() + 60_000).toISOString(), '--out', dir, '--quiet'], cliEnv);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/wrote .*kit: \d+ files/);

    const verified = await runCli(['verify', dir, '--quiet'], cliEnv);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    const replayed = await runCli(['replay', dir, '--quiet'], cliEnv);
    expect(replayed.code, replayed.stdout + replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain(`ok      pingSite ${completedId}`);
    expect(replayed.stdout).toContain(`ok      pingSite ${terminatedId}`);
    expect(replayed.stdout).toContain(`code ${code.sha256.slice(0, 12)} (kit)`);
    expect(replayed.stdout).toContain('2 histories replayed deterministically');

    // A bare history file (as an auditor might get one) replays against the bundle file it names.
    const site = env.sites[0]!;
    const siteDir = path.join(dir, 'sites', site.clientId, site.siteId);
    const [historyFile] = await readdir(path.join(siteDir, 'histories'));
    const bare = await runCli(['replay', path.join(siteDir, 'histories', historyFile!), '--code', path.join(siteDir, 'raw', 'workflow-code', `${code.sha256}.js`), '--quiet'], cliEnv);
    expect(bare.code, bare.stdout + bare.stderr).toBe(0);
    expect(bare.stdout).toContain('1 history replayed deterministically');

    const zip = path.join(tmp, 'kit.zip');
    expect((await runCli(['evidence', 'export', '--client', env.sites[0]!.clientId, '--from', '2000-01-01', '--to', '2100-01-01', '--out', zip, '--quiet'], cliEnv)).code).toBe(0);
    const fromZip = await runCli(['replay', zip, '--quiet', '--json'], cliEnv);
    expect(fromZip.code, fromZip.stderr).toBe(0);
    expect((JSON.parse(fromZip.stdout) as { verdict: string }[]).map((o) => o.verdict)).toEqual(['replayed', 'replayed']);
  }, 240_000);

  it('reports a version mismatch, and non-determinism when replaying against changed workflow code', async () => {
    const cliEnv = evidenceEnvVars(env);
    const dir = path.join(tmp, 'kit');
    const { code: reordered } = await bundleWorkflowCode({ workflowsPath: NONDETERMINISTIC, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
    const file = path.join(tmp, 'reordered.js');
    await writeFile(file, reordered);

    const mismatch = await runCli(['replay', dir, '--code', file, '--quiet'], cliEnv);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain(`VERSION pingSite ${completedId}`);
    expect(mismatch.stdout).toContain(`recorded workflow code ${code.sha256.slice(0, 16)}…, the --code file is`);

    const forced = await runCli(['replay', dir, '--code', file, '--ignore-version', '--quiet'], cliEnv);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain(`NONDET  pingSite ${completedId}`);
    expect(forced.stdout).toMatch(/TMPRL1100|[Nn]ondeterminism/);
  }, 120_000);

  it('refuses to replay a tampered kit and names the file through custos verify', async () => {
    const cliEnv = evidenceEnvVars(env);
    const copy = path.join(tmp, 'tampered');
    await cp(path.join(tmp, 'kit'), copy, { recursive: true });
    const site = env.sites[0]!;
    const historyDir = path.join(copy, 'sites', site.clientId, site.siteId, 'histories');
    const [name] = await readdir(historyDir);
    const file = path.join(historyDir, name!);
    const bytes = await readFile(file);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    await writeFile(file, bytes);

    const replay = await runCli(['replay', copy, '--quiet'], cliEnv);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain('does not verify');
    const verify = await runCli(['verify', copy, '--quiet', '--json'], cliEnv);
    expect(verify.code).toBe(1);
    const report = JSON.parse(verify.stdout) as { failures: { object: string; code: string }[] };
    expect(report.failures).toContainEqual(expect.objectContaining({ object: `sites/${site.clientId}/${site.siteId}/histories/${name}`, code: 'artefact-digest' }));
  }, 120_000);

  it('reconstructs posture from evidence alone, live and from the kit', async () => {
    const site = env.sites[0]!;
    const cliEnv = evidenceEnvVars(env);
    const scannedAt = Date.now() - 3600_000;
    await env.service.record({
      requestKey: 'scan:posture-test',
      siteId: site.siteId,
      kind: 'scan',
      runId: '0192f0c1-0000-7000-8000-00000000abcd',
      startedAt: new Date(scannedAt - 5000).toISOString(),
      finishedAt: new Date(scannedAt).toISOString(),
      controls: [
        { id: '164.312(b)', result: 'fail', host: 'host-001', finding: 'audit policy disabled' },
        { id: '164.312(a)(2)(iv)', result: 'pass', host: 'host-001' },
      ],
    });
    const live = await runCli(['posture', '--client', site.clientId, '--as-of', new Date(Date.now() + 60_000).toISOString(), '--json', '--quiet'], cliEnv);
    expect(live.code, live.stderr).toBe(0);
    const posture = JSON.parse(live.stdout) as { sites: { site: string; histories: number; controls: { controlId: string; result: string }[] }[] };
    const ours = posture.sites.find((s) => s.site === site.siteId)!;
    expect(ours.controls.map((c) => [c.controlId, c.result])).toEqual([
      ['164.312(a)(2)(iv)', 'pass'],
      ['164.312(b)', 'fail'],
    ]);
    expect(ours.histories).toBe(1);

    const before = await runCli(['posture', '--client', site.clientId, '--as-of', new Date(scannedAt - 1000).toISOString(), '--json', '--quiet'], cliEnv);
    expect((JSON.parse(before.stdout) as { sites: { site: string; controls: unknown[] }[] }).sites.find((s) => s.site === site.siteId)?.controls ?? []).toEqual([]);

    const fromKit = await runCli(['posture', '--client', site.clientId, '--as-of', '2100-01-01', '--kit', path.join(tmp, 'kit'), '--quiet'], cliEnv);
    expect(fromKit.code, fromKit.stderr).toBe(0);
    expect(fromKit.stdout).toContain(`site ${site.siteId}: 1 bundles`);
  }, 120_000);
});
