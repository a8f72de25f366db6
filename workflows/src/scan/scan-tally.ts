/** The numbers a scan reports, accumulated batch by batch (pure, so the workflow stays small). */
import type { HostCheckResult, ScanRecord } from '@custos/activities/types';

export interface ScanSummary {
  siteId: string;
  hosts: number;
  reachable: number;
  unreachable: number;
  /** Hosts the appliance has no credential for, or whose credential was refused. */
  credentialProblems: number;
  checks: number;
  passed: number;
  failed: number;
  /** Checks that could not be judged (script error, invalid output). */
  errors: number;
  findingsOpened: number;
  findingsResolved: number;
  findingsOpen: number;
  healsStarted: number;
  /** Failing findings whose heal already exists (running or finished): not started twice. */
  healsAlreadyStarted: number;
  healingPaused: boolean;
}

export class ScanTally {
  private readonly s: ScanSummary;

  constructor(siteId: string, hosts: number, healingPaused: boolean) {
    this.s = {
      siteId,
      hosts,
      reachable: 0,
      unreachable: 0,
      credentialProblems: 0,
      checks: 0,
      passed: 0,
      failed: 0,
      errors: 0,
      findingsOpened: 0,
      findingsResolved: 0,
      findingsOpen: 0,
      healsStarted: 0,
      healsAlreadyStarted: 0,
      healingPaused,
    };
  }

  addResults(results: readonly HostCheckResult[]): void {
    for (const r of results) {
      if (r.reachability === 'reachable') this.s.reachable++;
      else if (r.reachability === 'auth_refused' || r.reachability === 'no_credentials') this.s.credentialProblems++;
      else this.s.unreachable++;
      for (const c of r.checks) {
        this.s.checks++;
        if (c.status === 'pass') this.s.passed++;
        else if (c.status === 'fail') this.s.failed++;
        else this.s.errors++;
      }
    }
  }

  addRecord(r: ScanRecord): void {
    this.s.findingsOpened += r.opened;
    this.s.findingsResolved += r.resolved;
    this.s.findingsOpen += r.open;
  }

  healStarted(started: boolean): void {
    if (started) this.s.healsStarted++;
    else this.s.healsAlreadyStarted++;
  }

  summary(): ScanSummary {
    return { ...this.s };
  }

  /** `drift` when anything failed or could not be checked; `pass` only when every check on every host passed. */
  outcome(): 'pass' | 'drift' {
    return this.s.failed + this.s.errors + this.s.unreachable + this.s.credentialProblems === 0 ? 'pass' : 'drift';
  }
}
