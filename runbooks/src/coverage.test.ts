import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogue.js';
import { coverageReport } from './coverage.js';

const catalogue = loadCatalogue();

describe('coverage report', () => {
  it('lists every HIPAA Security Rule item with its status and runbooks', () => {
    const [hipaa] = coverageReport(catalogue, ['hipaa']);
    expect(hipaa!.totals.items).toBe(65);
    expect(hipaa!.totals.automated + hipaa!.totals.partial + hipaa!.totals.manual).toBe(65);
    const logoff = hipaa!.rows.find((r) => r.id === '164.312(a)(2)(iii)')!;
    expect(logoff).toMatchObject({ status: 'automated', declared: true, requirement: 'addressable' });
    expect(logoff.runbooks).toEqual(expect.arrayContaining(['RB-WIN-SEC-016', 'RB-WIN-RDP-001']));
    const risk = hipaa!.rows.find((r) => r.id === '164.308(a)(1)(ii)(A)')!;
    expect(risk).toMatchObject({ status: 'manual', runbooks: [] });
    expect(risk.manualTask).toBeTruthy();
    // automated and partial items are backed by runbooks (directly or through their specifications).
    for (const row of hipaa!.rows.filter((r) => r.status !== 'manual' && r.kind === 'implementation-specification')) {
      expect(row.runbooks.length, row.id).toBeGreaterThan(0);
    }
  });

  it('derives statuses for other frameworks and summarises grouping rows', () => {
    const [cis] = coverageReport(catalogue, ['cisV8']);
    const firewall = cis!.rows.find((r) => r.id === '4.4')!;
    expect(firewall).toMatchObject({ status: 'partial', declared: false });
    expect(firewall.runbooks).toEqual(expect.arrayContaining(['RB-WIN-SEC-001', 'RB-WIN-FIREWALL-001']));
    const group = cis!.rows.find((r) => r.id === '4')!;
    expect(group.runbooks).toEqual(expect.arrayContaining(firewall.runbooks as string[]));
    const [soc2] = coverageReport(catalogue, ['soc2']);
    expect(soc2!.rows.find((r) => r.id === 'CC1.1')).toMatchObject({ status: 'manual', runbooks: [] });
    expect(soc2!.totals.items).toBe(36);
  });

  it('reports all five frameworks by default', () => {
    expect(coverageReport(catalogue).map((f) => f.framework)).toEqual(['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8']);
  });
});
