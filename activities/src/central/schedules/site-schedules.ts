/**
 * One Temporal Schedule per site and cadence: servers, workstations, and AD discovery. Schedules own
 * the cadence because pause, trigger, backfill and "next run" are visible to operators and auditors;
 * the site entity keeps them in step with its configuration. Overlap SKIP: a slow scan is never
 * stacked with the next one.
 */
import { activityInfo } from '@temporalio/activity';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import { SiteId } from '@custos/core';
import type { CentralRuntime } from '../heal/central-runtime.js';
import type { SiteConfig } from './site-entity-contract.js';
import { claimCooldown } from './site-entity-client.js';

export const siteScheduleIds = (siteId: string) => ({
  servers: `scan-servers:${siteId}`,
  workstations: `scan-workstations:${siteId}`,
  discovery: `discover:${siteId}`,
});

/**
 * Whether the site's Schedules exist (judged by the server scan's, which the entity creates first).
 * Needs no worker, so the central worker can ask before it polls.
 */
export async function hasSiteSchedules(client: Client, siteId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(siteScheduleIds(siteId).servers).describe();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

interface Planned {
  scheduleId: string;
  everyMs: number;
  action: ScheduleOptionsAction;
}

function plan(siteId: string, config: SiteConfig, taskQueue: string): Planned[] {
  const ids = siteScheduleIds(siteId);
  const typedSearchAttributes = [{ key: SiteId, value: siteId }];
  const scan = (hostKinds: 'servers' | 'workstations', everyMs: number): ScheduleOptionsAction => ({
    type: 'startWorkflow',
    workflowType: 'scanSite',
    workflowId: `scan:${siteId}:${hostKinds}`,
    taskQueue,
    args: [{ siteId, trigger: 'schedule', hostKinds }],
    // A run that cannot finish before the next two would have started is stuck, not slow.
    workflowExecutionTimeout: Math.max(everyMs * 2, 10 * 60_000),
    typedSearchAttributes,
  });
  const minutes = (m: number) => Math.round(m * 60_000);
  return [
    { scheduleId: ids.servers, everyMs: minutes(config.serverScanEveryMinutes), action: scan('servers', minutes(config.serverScanEveryMinutes)) },
    { scheduleId: ids.workstations, everyMs: minutes(config.workstationScanEveryMinutes), action: scan('workstations', minutes(config.workstationScanEveryMinutes)) },
    {
      scheduleId: ids.discovery,
      everyMs: minutes(config.discoveryEveryMinutes),
      action: {
        type: 'startWorkflow',
        workflowType: 'discoverSite',
        workflowId: `discover:${siteId}`,
        taskQueue,
        args: [{ siteId }],
        workflowExecutionTimeout: Math.max(minutes(config.discoveryEveryMinutes) * 2, 10 * 60_000),
        typedSearchAttributes,
      },
    },
  ];
}

async function upsert(client: Client, p: Planned, paused: boolean, note: string): Promise<void> {
  const spec = { intervals: [{ every: p.everyMs }], jitter: Math.floor(p.everyMs / 10) };
  const handle = client.schedule.getHandle(p.scheduleId);
  try {
    await handle.update((prev) => ({ ...prev, spec, action: p.action, state: { ...prev.state, paused, note } }));
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await client.schedule.create({
      scheduleId: p.scheduleId,
      spec,
      action: p.action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      state: { paused, note },
    });
  }
}

export function makeSiteSchedules(rt: CentralRuntime) {
  return {
    async applySiteSchedules(req: { siteId: string; config: SiteConfig; configVersion: number }): Promise<string[]> {
      const planned = plan(req.siteId, req.config, activityInfo().taskQueue);
      const note = `site entity config v${req.configVersion}${req.config.schedulesPaused ? ': paused by configuration' : ''}`;
      for (const p of planned) await upsert(rt.temporal, p, req.config.schedulesPaused, note);
      return planned.map((p) => p.scheduleId);
    },

    async removeSiteSchedules(req: { siteId: string }): Promise<number> {
      let removed = 0;
      for (const id of Object.values(siteScheduleIds(req.siteId))) {
        try {
          await rt.temporal.schedule.getHandle(id).delete();
          removed++;
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
      }
      return removed;
    },

    /** Claims an L1 cooldown on the site entity (atomic: an Update). */
    async claimL1Cooldown(req: { siteId: string; key: string; until: number }) {
      return claimCooldown(rt.temporal, req.siteId, { key: req.key, until: req.until });
    },
  };
}
