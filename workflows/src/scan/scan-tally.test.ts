import { describe, expect, it } from 'vitest';
import { ScanTally } from './scan-tally.js';

describe('scan tally', () => {
  it('counts hosts, checks and findings; drift when anything failed or was unreachable', () => {
    const t = new ScanTally('s', 3, false);
    t.addResults([
      { hostId: 'a', reachability: 'reachable', checks: [{ runbookId: 'r', version: 1, status: 'pass', durationMs: 1 }, { runbookId: 'q', version: 1, status: 'fail', durationMs: 1 }] },
      { hostId: 'b', reachability: 'unreachable', problem: 'TCP refused', checks: [] },
      { hostId: 'c', reachability: 'no_credentials', checks: [] },
    ]);
    t.addRecord({ opened: 1, resolved: 2, open: 1, failing: [], controls: [] });
    t.healStarted(true);
    t.healStarted(false);
    expect(t.summary()).toMatchObject({ hosts: 3, reachable: 1, unreachable: 1, credentialProblems: 1, checks: 2, passed: 1, failed: 1, errors: 0, findingsOpened: 1, findingsResolved: 2, healsStarted: 1, healsAlreadyStarted: 1 });
    expect(t.outcome()).toBe('drift');
  });

  it('passes only when every check on every host passed', () => {
    const t = new ScanTally('s', 1, false);
    t.addResults([{ hostId: 'a', reachability: 'reachable', checks: [{ runbookId: 'r', version: 1, status: 'pass', durationMs: 1 }] }]);
    expect(t.outcome()).toBe('pass');
  });
});
