/**
 * What the central worker puts right at start, before it polls: the anchoring Schedule, a packet
 * Schedule for every client, an entity workflow for every site, and the scan and discovery
 * Schedules of every live site (an appliance has enrolled, or hosts have been inventoried). The API
 * creates these when it writes the rows (api/src/temporal/after-commit.ts); when Temporal or this
 * worker was unreachable then, the rows were kept and this reconcile, run at the next worker
 * start, finishes the job. Every step is idempotent, so running it on every start changes nothing
 * that is already right.
 */
import type { Client } from '@temporalio/client';
import { listScheduleTargets } from '@custos/db';
import type { Logger } from '@custos/runtime';
import { ensureAnchoringSchedule } from '@custos/activities/evidence';
import { ensurePacketSchedule } from '@custos/activities/reports';
import { enableSiteSchedules, ensureSiteEntity, hasSiteSchedules } from '@custos/activities/central';

export interface ReconcileDeps {
  db: Parameters<typeof listScheduleTargets>[0];
  /** A client with the workers' data converter (the entity input and Schedule actions are encrypted like any payload). */
  temporal: Client;
  /** The central worker's queue: where the entities, packets, scans and anchoring passes run. */
  taskQueue: string;
  logger: Logger;
  /** `evidence-anchoring` unless several deployments (or tests) share a namespace. */
  anchoringScheduleId?: string;
  /** Temporal calls in flight at once (default 8). */
  concurrency?: number;
}

export interface ReconcileReport {
  /** The anchoring Schedule's id, or null when it could not be ensured (logged). */
  anchoringSchedule: string | null;
  packetSchedules: { created: number; updated: number; failed: number };
  siteEntities: { ensured: number; failed: number };
  /**
   * Live sites whose Schedules do not exist. Their entities need the configureSite Update, which
   * only completes once this worker polls: see enableMissingSiteSchedules.
   */
  sitesWithoutSchedules: string[];
}

/** Runs `fn` over `items` with at most `limit` calls in flight; `fn` handles its own errors. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The part of the reconcile that needs no worker: Schedules created directly and entities started
 * (an entity for a live site starts managing its Schedules). A failure of one item is
 * logged and counted, and the rest go on: a worker that refused to poll because one client's
 * Schedule could not be written would stop every scan.
 */
export async function reconcileBeforePolling(deps: ReconcileDeps): Promise<ReconcileReport> {
  const started = Date.now();
  const { temporal, taskQueue, logger } = deps;
  const limit = deps.concurrency ?? 8;
  const report: ReconcileReport = {
    anchoringSchedule: null,
    packetSchedules: { created: 0, updated: 0, failed: 0 },
    siteEntities: { ensured: 0, failed: 0 },
    sitesWithoutSchedules: [],
  };

  try {
    report.anchoringSchedule = await ensureAnchoringSchedule(temporal, { taskQueue, ...(deps.anchoringScheduleId ? { scheduleId: deps.anchoringScheduleId } : {}) });
  } catch (err) {
    logger.error({ err }, 'anchoring schedule not ensured: checkpoints are not anchored until a worker start succeeds');
  }

  let targets: Awaited<ReturnType<typeof listScheduleTargets>>;
  try {
    targets = await listScheduleTargets(deps.db, { kind: 'platform' });
  } catch (err) {
    logger.error({ err }, 'clients and sites not read: packet schedules and site entities are not reconciled at this start');
    return report;
  }

  await eachLimited(targets.clientIds, limit, async (clientId) => {
    try {
      report.packetSchedules[await ensurePacketSchedule(temporal, clientId, taskQueue)]++;
    } catch (err) {
      report.packetSchedules.failed++;
      logger.warn({ clientId, err: errorText(err) }, 'packet schedule not ensured');
    }
  });

  await eachLimited(targets.sites, limit, async (site) => {
    try {
      await ensureSiteEntity(temporal, site.id, { taskQueue, manageSchedules: site.live });
      report.siteEntities.ensured++;
      if (site.live && !(await hasSiteSchedules(temporal, site.id))) report.sitesWithoutSchedules.push(site.id);
    } catch (err) {
      report.siteEntities.failed++;
      logger.warn({ siteId: site.id, err: errorText(err) }, 'site entity not ensured');
    }
  });

  logger.info(
    {
      anchoringSchedule: report.anchoringSchedule,
      clients: targets.clientIds.length,
      packetSchedules: report.packetSchedules,
      sites: targets.sites.length,
      siteEntities: report.siteEntities,
      sitesWithoutSchedules: report.sitesWithoutSchedules.length,
      ms: Date.now() - started,
    },
    'schedules reconciled',
  );
  return report;
}

/**
 * Turns the Schedules on for the sites reconcileBeforePolling found without them (configureSite
 * with manageSchedules, starting the entity if needed). Call it once the worker polls: the entity
 * it runs completes the Update. Never rejects; each site is bounded by `timeoutMs` and all stop
 * when `signal` aborts (worker shutdown).
 */
export async function enableMissingSiteSchedules(
  deps: ReconcileDeps,
  siteIds: readonly string[],
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<{ enabled: number; failed: number }> {
  const result = { enabled: 0, failed: 0 };
  if (siteIds.length === 0) return result;
  const { temporal, taskQueue, logger } = deps;
  const signal = opts.signal ?? new AbortController().signal;
  await eachLimited(siteIds, deps.concurrency ?? 8, async (siteId) => {
    if (signal.aborted) return;
    try {
      await temporal.withAbortSignal(signal, () => temporal.withDeadline(Date.now() + (opts.timeoutMs ?? 60_000), () => enableSiteSchedules(temporal, siteId, { taskQueue })));
      result.enabled++;
    } catch (err) {
      result.failed++;
      logger.warn({ siteId, err: errorText(err) }, 'site schedules not turned on');
    }
  });
  logger.info(result, 'missing site schedules turned on');
  return result;
}
