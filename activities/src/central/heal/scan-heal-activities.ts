/**
 * Every central activity of scanning, discovery, healing, approvals, the flywheel and the site
 * schedules, built over one CentralRuntime. Without a runtime (proof-of-life workers) each of them
 * fails non-retryably with a message saying the worker was not configured for it.
 */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import { makeRecordScanResults } from '../findings/scan-record.js';
import { hashRule, makeReportHealOutcome } from '../flywheel/flywheel-activities.js';
import { makeInventory } from '../inventory/merge-inventory.js';
import { makeLoadScanPlan } from '../inventory/scan-plan.js';
import { makeSiteSchedules } from '../schedules/site-schedules.js';
import { makeApprovalRecords } from './approval-records.js';
import type { CentralRuntime } from './central-runtime.js';
import { makeDescribeRunbook, makeLoadHealContext } from './heal-context.js';
import { makeHealRecords } from './heal-records.js';
import { makeNotificationTargets } from './notification-targets.js';

function build(rt: CentralRuntime) {
  return {
    loadScanPlan: makeLoadScanPlan(rt),
    recordScanResults: makeRecordScanResults(rt),
    ...makeInventory(rt),
    loadHealContext: makeLoadHealContext(rt),
    describeRunbook: makeDescribeRunbook(rt),
    ...makeHealRecords(rt),
    ...makeApprovalRecords(rt),
    reportHealOutcome: makeReportHealOutcome(rt),
    hashRule,
    notificationTargets: makeNotificationTargets(rt),
    ...makeSiteSchedules(rt),
  };
}

export type ScanHealActivities = ReturnType<typeof build>;

export function createScanHealActivities(rt: CentralRuntime | undefined): ScanHealActivities {
  if (rt) return build(rt);
  const names = Object.keys(build({} as CentralRuntime)) as (keyof ScanHealActivities)[];
  return Object.fromEntries(
    names.map((name) => [
      name,
      async () => {
        throw ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: `this central worker was started without a database and catalogue; it cannot run ${name}` });
      },
    ]),
  ) as unknown as ScanHealActivities;
}

export type { CentralRuntime } from './central-runtime.js';
