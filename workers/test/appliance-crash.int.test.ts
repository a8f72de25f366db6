import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackEndpoints, uniqueName } from '@custos/testkit';
import { healWorkflowId, type HealResult } from '@custos/workflows/messages';
import { spawnAppliance, type ApplianceProcess } from './support/appliance-process.js';
import { replayAndKeep } from './support/histories.js';
import { startWorld, type World } from './support/world.js';

const FIREWALL = '/registry/HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile/EnableFirewall/value';

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('appliance worker killed mid-remediation and restarted (separate process, SIGKILL)', () => {
  let world: World;
  let stateDir: string;
  const appliances: ApplianceProcess[] = [];

  beforeAll(async () => {
    world = await startWorld({ hosts: 3, appliance: false });
    stateDir = mkdtempSync(path.join(tmpdir(), 'custos-appliance-state-'));
  });

  afterAll(async () => {
    for (const a of appliances) await a.kill('SIGTERM');
    await world?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('finishes the heal once and applies the change once', async () => {
    const start = () => {
      const a = spawnAppliance({ siteId: world.tenant.siteId, temporalAddress: stackEndpoints().temporal.address, namespace: world.temporal.namespace, adminUrl: world.lab.adminUrl, stateDir });
      appliances.push(a);
      return a;
    };
    const first = start();
    world.lab.site.patchState('FS01', [{ op: 'replace', path: FIREWALL, value: 0 }]);
    // Every command on FS01 now takes 4 s: long enough to kill the appliance while the lab runs the fix.
    await world.lab.site.setFaults('FS01', { commandDelayMs: 4000 });
    const scan = await world.temporal.client.workflow.execute('scanSite', { taskQueue: world.centralTaskQueue, workflowId: uniqueName('scan'), args: [{ siteId: world.tenant.siteId, trigger: 'manual' }] });
    expect(scan).toMatchObject({ failed: 1, healsStarted: 1 });

    const journal = path.join(stateDir, world.tenant.siteId, 'remediations.jsonl');
    const intent = await until('the remediation intent in the journal', () => (existsSync(journal) && readFileSync(journal, 'utf8').includes('"state":"intent"') ? true : undefined));
    expect(intent).toBe(true);
    // The script and its stdin reach the lab within milliseconds of the intent; the lab then sits in
    // its 4 s delay. Killing now leaves a command the host will still run, with no result reported.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await first.kill('SIGKILL')).toBeNull();
    expect(world.lab.site.applications('FS01')).toEqual([]);
    await world.lab.site.setFaults('FS01', {});
    // The lab finishes the command the dead appliance sent: the change lands exactly once.
    await until('the lab to apply the change', () => (world.lab.site.applications('FS01').length > 0 ? true : undefined), 15_000);

    start();
    const finding = await world.db.selectFrom('findings').select('id').where('host_id', '=', world.tenant.hostIds.FS01!).executeTakeFirstOrThrow();
    const healId = healWorkflowId(world.tenant.siteId, finding.id);
    const result = (await world.temporal.client.workflow.getHandle(healId).result()) as HealResult;
    expect(result).toMatchObject({ outcome: 'healed', tier: 'L1', verify: 'pass', remediation: { status: 'already_applied' } });
    expect(world.lab.site.applications('FS01')).toMatchObject([{ runbook: 'RB-WIN-FIXTURE-FW-001', phase: 'remediate', idempotencyKey: `${healId}:remediate:1` }]);

    const history = await world.temporal.client.workflow.getHandle(healId).fetchHistory();
    const attempts = history.events?.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0) ?? [];
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
    const lines = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { state: string; key: string; result?: { status: string } });
    expect(lines.filter((l) => l.key === `${healId}:remediate:1`).map((l) => [l.state, l.result?.status])).toEqual([
      ['intent', undefined],
      ['done', 'already_applied'],
    ]);
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, healId, { workflow: 'heal', name: 'l1-appliance-crash' });
  });
});
