import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { ScanSummary } from '@custos/workflows/messages';
import { claimCooldown, configureSite, siteSnapshot } from '@custos/workflows/messages';
import type { SiteEntityInput } from '@custos/activities/types';
import { replayAndKeep } from './support/histories.js';
import { TEST_SITE_CONFIG } from './support/site-entity.js';
import { startWorld, type World } from './support/world.js';

describe('the site entity: Schedules per site with its cadence, configuration by Update, continue-as-new', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ hosts: 3 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  const ids = () => ({ servers: `scan-servers:${world.tenant.siteId}`, workstations: `scan-workstations:${world.tenant.siteId}`, discovery: `discover:${world.tenant.siteId}` });

  it('creates the site’s Schedules, which start scans at the site’s cadence; reconfiguring updates them; cancelling removes them', async () => {
    const input: SiteEntityInput = { snapshot: { siteId: world.tenant.siteId, config: { ...TEST_SITE_CONFIG, serverScanEveryMinutes: 0.1 }, configVersion: 1, cooldowns: [] }, manageSchedules: true };
    const entity = await world.temporal.client.workflow.start('siteEntity', { workflowId: `site:${world.tenant.siteId}`, taskQueue: world.centralTaskQueue, args: [input] });

    const servers = world.temporal.client.schedule.getHandle(ids().servers);
    const created = async (id: string) => {
      for (let i = 0; i < 100; i++) {
        const d = await world.temporal.client.schedule.getHandle(id).describe().catch(() => undefined);
        if (d) return d;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`schedule ${id} was never created`);
    };
    let described = await created(ids().servers);
    expect(described.spec.intervals?.[0]?.every).toBe(6000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'scanSite', taskQueue: world.centralTaskQueue, args: [{ siteId: world.tenant.siteId, trigger: 'schedule', hostKinds: 'servers' }] });
    expect((await created(ids().workstations)).spec.intervals?.[0]?.every).toBe(3_600_000);
    expect((await created(ids().discovery)).action).toMatchObject({ workflowType: 'discoverSite' });

    // The Schedule itself starts scans: wait for one and read its result.
    for (let i = 0; i < 300 && described.info.recentActions.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      described = await servers.describe();
    }
    const started = described.info.recentActions[0]?.action.workflow;
    expect(started?.workflowId).toMatch(new RegExp(`^scan:${world.tenant.siteId}:servers-`));
    const summary = (await world.temporal.client.workflow.getHandle(started!.workflowId, started!.firstExecutionRunId).result()) as ScanSummary;
    expect(summary).toMatchObject({ hosts: 2, reachable: 2 });

    const snap = await entity.executeUpdate(configureSite, { args: [{ config: { serverScanEveryMinutes: 30, schedulesPaused: true } }] });
    expect(snap).toMatchObject({ configVersion: 2, config: { serverScanEveryMinutes: 30, schedulesPaused: true } });
    await expect(entity.executeUpdate(configureSite, { args: [{ config: { serverScanEveryMinutes: -1 } }] })).rejects.toThrow();
    for (let i = 0; i < 100; i++) {
      described = await servers.describe();
      if (described.state.paused) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(described.state).toMatchObject({ paused: true, note: 'site entity config v2: paused by configuration' });
    expect(described.spec.intervals?.[0]?.every).toBe(1_800_000);

    await entity.cancel();
    for (const id of Object.values(ids())) {
      let gone = false;
      for (let i = 0; i < 100 && !gone; i++) {
        gone = await world.temporal.client.schedule.getHandle(id).describe().then(() => false, (err: unknown) => err instanceof ScheduleNotFoundError);
        if (!gone) await new Promise((r) => setTimeout(r, 100));
      }
      expect(gone).toBe(true);
    }
  });

  it('continues as new with its configuration and cooldowns once its history grows', async () => {
    const workflowId = `site:${world.tenant.siteId}:can`;
    const input: SiteEntityInput = { snapshot: { siteId: world.tenant.siteId, config: TEST_SITE_CONFIG, configVersion: 7, cooldowns: [] }, manageSchedules: false, continueAsNewAfterEvents: 20 };
    const handle = await world.temporal.client.workflow.start('siteEntity', { workflowId, taskQueue: world.centralTaskQueue, args: [input] });
    const firstRun = handle.firstExecutionRunId;
    const until = Date.now() + 3_600_000;
    for (let i = 0; i < 8; i++) {
      const r = await world.temporal.client.workflow.getHandle(workflowId).executeUpdate(claimCooldown, { args: [{ key: `L1-X\u0000host-${i}`, until }] });
      expect(r).toEqual({ granted: true, until });
    }
    const latest = world.temporal.client.workflow.getHandle(workflowId);
    let runId = (await latest.describe()).runId;
    for (let i = 0; i < 100 && runId === firstRun; i++) {
      await new Promise((r) => setTimeout(r, 100));
      runId = (await latest.describe()).runId;
    }
    expect(runId).not.toBe(firstRun);
    const snap = await latest.query(siteSnapshot);
    expect(snap.configVersion).toBe(7);
    expect(snap.cooldowns).toHaveLength(8);
    expect(snap.cooldowns).toContainEqual(['L1-X\u0000host-0', until]);
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, workflowId, { workflow: 'site-entity', name: 'continued' });
    // The first run (which ended in continue-as-new) replays too.
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: world.temporal.dataConverter }, await world.temporal.client.workflow.getHandle(workflowId, firstRun).fetchHistory(), workflowId);
    await latest.terminate('test done');
  });
});
