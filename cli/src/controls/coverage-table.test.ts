import { describe, expect, it } from 'vitest';
import type { FrameworkCoverage } from '@custos/runbooks';
import { formatCoverage } from './coverage-table.js';
import { parseCoverageArgs } from './args.js';

const report: FrameworkCoverage[] = [
  {
    framework: 'hipaa',
    title: 'HIPAA Security Rule',
    edition: 'test',
    totals: { items: 2, automated: 1, partial: 0, manual: 1, withRunbooks: 1 },
    rows: [
      { id: '164.312(b)', title: 'Audit controls', kind: 'standard', requirement: 'required', status: 'automated', declared: true, runbooks: ['RB-WIN-SEC-002', 'RB-WIN-LOG-002'] },
      { id: '164.316(a)', title: 'Policies and procedures', kind: 'standard', requirement: 'required', status: 'manual', declared: true, runbooks: [], manualTask: 'Write the policies.' },
    ],
  },
];

describe('coverage table', () => {
  it('prints totals and one line per control with its runbooks', () => {
    const text = formatCoverage(report, { details: true });
    expect(text).toContain('2 items: 1 automated (50%), 0 partial (0%), 1 manual (50%); 1 evidenced by runbooks');
    expect(text).toMatch(/164\.312\(b\) automated R Audit controls\s+SEC-002 LOG-002/);
    expect(text).toContain('person: Write the policies.');
  });

  it('parses frameworks by their usual names and rejects unknown ones', () => {
    expect(parseCoverageArgs(['coverage', '--framework', 'HIPAA', '--framework', 'nist-800-53', '--json'])).toEqual({ frameworks: ['hipaa', 'nist80053'], json: true, details: false });
    expect(parseCoverageArgs(['coverage'])).toEqual({ frameworks: undefined, json: false, details: false });
    expect(() => parseCoverageArgs(['coverage', '--framework', 'pci'])).toThrow(/unknown framework "pci"/);
    expect(() => parseCoverageArgs(['list'])).toThrow(/unknown subcommand/);
    expect(() => parseCoverageArgs(['coverage', '--frame'])).toThrow();
  });
});
