import { describe, expect, it } from 'vitest';
import { hostChecks } from './host-checks.js';

const runbooks = [
  { id: 'RB-FW', title: 'Firewall on', severity: 'high', hostKinds: ['server', 'workstation'] },
  { id: 'RB-AV', title: 'AV on', severity: 'high', hostKinds: ['workstation'] },
  { id: 'RB-DC', title: 'DC only', severity: 'medium', hostKinds: ['domain_controller'] },
  { id: 'RB-BL', title: 'BitLocker', severity: 'critical', hostKinds: ['workstation'] },
];

describe('hostChecks', () => {
  it('lists the checks that apply to the host kind, failing first', () => {
    const checks = hostChecks(runbooks, { role: 'workstation', lastSeenAt: '2026-11-26T10:00:00Z' }, new Set(['RB-BL']), [{ id: 'f1', checkId: 'RB-AV', observedAt: '2026-11-25T09:00:00Z' }]);
    expect(checks.map((c) => [c.runbookId, c.state, c.since])).toEqual([
      ['RB-AV', 'failing', '2026-11-25T09:00:00Z'],
      ['RB-FW', 'passing', '2026-11-26T10:00:00Z'],
      ['RB-BL', 'disabled', null],
    ]);
  });

  it('does not claim a pass for a host no scan has reached', () => {
    expect(hostChecks(runbooks, { role: 'server', lastSeenAt: null }, new Set(), []).map((c) => c.state)).toEqual(['not scanned']);
  });
});
