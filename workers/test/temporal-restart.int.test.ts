import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '@custos/testkit';
import { healWorkflowId, type HealResult, type ScanSummary } from '@custos/workflows/messages';
import { startPrivateTemporal, type PrivateTemporal } from './support/private-temporal.js';
import { startWorld, type World } from './support/world.js';

const FIREWALL = '/registry/HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile/EnableFirewall/value';

describe('the Temporal server restarts in the middle of a scan (a private dev server owned by this test)', () => {
  let temporal: PrivateTemporal;
  let world: World;

  beforeAll(async () => {
    temporal = await startPrivateTemporal();
    world = await startWorld({ hosts: 12, temporal: await temporal.connections(), scanBatchSize: 2, scanParallelBatches: 2 });
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
    await temporal?.dispose();
  });

  it('loses nothing: every host is checked, each drift is recorded once and healed once', async () => {
    for (const host of ['FS01', 'WS003']) world.lab.site.patchState(host, [{ op: 'replace', path: FIREWALL, value: 0 }]);
    // Slow every WS-Man answer down so the scan takes long enough to restart the server under it.
    for (const h of world.lab.hosts) await world.lab.site.setFaults(h.name, { latencyMs: 150 });

    const scanId = uniqueName('scan');
    const handle = await world.temporal.client.workflow.start('scanSite', { taskQueue: world.centralTaskQueue, workflowId: scanId, args: [{ siteId: world.tenant.siteId, trigger: 'manual' }] });
    const seen = async () => (await world.db.selectFrom('hosts').select('id').where('site_id', '=', world.tenant.siteId).where('last_seen_at', 'is not', null).execute()).length;
    for (let i = 0; (await seen()) === 0; i++) {
      if (i > 600) throw new Error('no batch was recorded within a minute');
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await seen();
    expect(before).toBeLessThan(12);

    await temporal.stop();
    await new Promise((r) => setTimeout(r, 2000));
    await temporal.start();
    for (const h of world.lab.hosts) await world.lab.site.setFaults(h.name, {});

    const summary = (await handle.result()) as ScanSummary;
    expect(summary).toMatchObject({ hosts: 12, reachable: 12, checks: 36, failed: 2, errors: 0, findingsOpened: 2, healsStarted: 2 });
    expect(await seen()).toBe(12);

    const findings = await world.db.selectFrom('findings').select(['id', 'host_id']).where('site_id', '=', world.tenant.siteId).execute();
    expect(findings.map((f) => f.host_id).sort()).toEqual([world.tenant.hostIds.FS01, world.tenant.hostIds.WS003].sort());
    for (const f of findings) {
      const result = (await world.temporal.client.workflow.getHandle(healWorkflowId(world.tenant.siteId, f.id)).result()) as HealResult;
      expect(result.outcome).toBe('healed');
    }
    for (const host of ['FS01', 'WS003']) expect(world.lab.site.applications(host)).toHaveLength(1);
    expect((await world.db.selectFrom('findings').select('status').where('site_id', '=', world.tenant.siteId).execute()).map((f) => f.status)).toEqual(['resolved', 'resolved']);
  });
});
