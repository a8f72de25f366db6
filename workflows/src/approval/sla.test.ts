import { describe, expect, it } from 'vitest';
import { approvalPriority, DEFAULT_APPROVAL_SLA_MS, slaSteps } from './sla.js';

describe('approval SLA timeline', () => {
  it('uses 15 min / 1 h / 4 h / 8 h by priority', () => {
    expect(DEFAULT_APPROVAL_SLA_MS).toEqual({ critical: 900_000, high: 3_600_000, medium: 14_400_000, low: 28_800_000 });
  });

  it('reminds at half, three quarters and nine tenths, re-routing down the contact levels', () => {
    expect(slaSteps(1000, 3)).toEqual([
      { afterMs: 500, level: 1, kind: 'reroute' },
      { afterMs: 750, level: 2, kind: 'reroute' },
      { afterMs: 900, level: 2, kind: 'reminder' },
    ]);
  });

  it('only reminds when the site has a single contact level', () => {
    expect(slaSteps(1000, 1).map((s) => s.kind)).toEqual(['reminder', 'reminder', 'reminder']);
    expect(slaSteps(1000, 0).every((s) => s.level === 0)).toBe(true);
  });

  it('refuses a non-positive SLA', () => {
    expect(() => slaSteps(0, 2)).toThrow(/must be positive/);
  });

  it('maps severities to priorities, unknown ones to medium', () => {
    expect(approvalPriority('critical')).toBe('critical');
    expect(approvalPriority('bogus')).toBe('medium');
  });
});
