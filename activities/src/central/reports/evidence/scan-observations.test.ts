import { describe, expect, it } from 'vitest';
import type { ControlResult } from '@custos/evidence';
import { scanOutcomes, type ScanCatalogue } from './scan-observations.js';

// Three runbooks on workstations: AV and RTP share one HIPAA control; BitLocker has two of its own.
const KEYS: Record<string, string[]> = {
  'RB-WIN-AV-001': ['hipaa:164.308(a)(5)(ii)(B)', 'soc2:CC6.8'],
  'RB-WIN-SEC-006': ['hipaa:164.308(a)(5)(ii)(B)'],
  'RB-WIN-ENCRYPTION-001': ['hipaa:164.312(a)(2)(iv)', 'hipaa:164.312(e)(2)(ii)'],
  'RB-WIN-BACKUP-001': ['hipaa:164.308(a)(7)(ii)(A)'],
};
const catalogue: ScanCatalogue = {
  severity: (id) => (KEYS[id] ? 'high' : undefined),
  controlKeys: (id) => KEYS[id] ?? [],
  runbooksFor: (kind) => (kind === 'workstation' ? ['RB-WIN-AV-001', 'RB-WIN-SEC-006', 'RB-WIN-ENCRYPTION-001'] : Object.keys(KEYS)),
};
const kinds = (id: string) => ({ ws: 'workstation', srv: 'server' })[id];

/** What scan-record.ts states for one check result. */
const stated = (host: string, runbookId: string, status: 'pass' | 'fail' | 'error'): ControlResult[] =>
  KEYS[runbookId]!.map((id) => ({ id, host, result: status === 'error' ? 'na' : status, ...(status === 'fail' ? { finding: `${runbookId}: title` } : {}) }));

describe('scanOutcomes', () => {
  it('reads the framework-qualified shape back into per-runbook results', () => {
    const controls = [...stated('ws', 'RB-WIN-AV-001', 'pass'), ...stated('ws', 'RB-WIN-SEC-006', 'fail'), ...stated('ws', 'RB-WIN-ENCRYPTION-001', 'pass')];
    expect(scanOutcomes(controls, catalogue, kinds)).toEqual([
      { hostId: 'ws', runbookId: 'RB-WIN-AV-001', outcome: 'pass' },
      { hostId: 'ws', runbookId: 'RB-WIN-SEC-006', outcome: 'fail' },
      { hostId: 'ws', runbookId: 'RB-WIN-ENCRYPTION-001', outcome: 'pass' },
    ]);
  });

  it('a runbook whose results are missing did not run; one whose only statement is "na" has no passing evidence', () => {
    const controls = [...stated('ws', 'RB-WIN-AV-001', 'pass'), ...stated('ws', 'RB-WIN-ENCRYPTION-001', 'error')];
    expect(scanOutcomes(controls, catalogue, kinds)).toEqual([
      { hostId: 'ws', runbookId: 'RB-WIN-AV-001', outcome: 'pass' },
      // Shares its only control with AV, which passed: indistinguishable, read as passing (documented).
      { hostId: 'ws', runbookId: 'RB-WIN-SEC-006', outcome: 'pass' },
      { hostId: 'ws', runbookId: 'RB-WIN-ENCRYPTION-001', outcome: 'error' },
    ]);
    expect(scanOutcomes(stated('srv', 'RB-WIN-BACKUP-001', 'pass'), catalogue, kinds)).toEqual([{ hostId: 'srv', runbookId: 'RB-WIN-BACKUP-001', outcome: 'pass' }]);
  });

  it('uses runbook-id entries alone when a host has them, and skips hosts of unknown kind', () => {
    const controls: ControlResult[] = [{ id: 'RB-WIN-AV-001', host: 'ws', result: 'fail' }, { id: 'RB-WIN-SEC-006', host: 'ws', result: 'na' }, ...stated('ws', 'RB-WIN-ENCRYPTION-001', 'fail'), ...stated('gone', 'RB-WIN-AV-001', 'fail')];
    expect(scanOutcomes(controls, catalogue, kinds)).toEqual([
      { hostId: 'ws', runbookId: 'RB-WIN-AV-001', outcome: 'fail' },
      { hostId: 'ws', runbookId: 'RB-WIN-SEC-006', outcome: 'not_applicable' },
    ]);
  });

  it('ignores a finding that names no catalogue runbook', () => {
    const controls: ControlResult[] = [{ id: 'hipaa:164.312(a)(2)(iv)', host: 'ws', result: 'fail', finding: 'RB-OLD-999: retired' }, { id: 'hipaa:164.312(e)(2)(ii)', host: 'ws', result: 'pass' }];
    expect(scanOutcomes(controls, catalogue, kinds)).toEqual([{ hostId: 'ws', runbookId: 'RB-WIN-ENCRYPTION-001', outcome: 'error' }]);
  });
});
