import { activityInfo } from '@temporalio/activity';

export interface CentralReport {
  taskQueue: string;
  centralVersion: string;
  reportedAt: string;
}

export function makeReportCentral(deps: { centralVersion: string }) {
  return async function reportCentral(): Promise<CentralReport> {
    return { taskQueue: activityInfo().taskQueue, centralVersion: deps.centralVersion, reportedAt: new Date().toISOString() };
  };
}
