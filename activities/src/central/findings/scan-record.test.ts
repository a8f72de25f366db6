import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '@custos/runbooks';
import { controlIds } from './scan-record.js';

// The evidence statement's control id rule (lib/evidence/src/bundle/predicate.ts): a scan bundle with
// any other id is refused, which would fail the scan.
const CONTROL_ID = /^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,63}$/;

describe('control ids a scan states in evidence', () => {
  it('are framework-qualified catalogue ids that evidence accepts, for every shipped runbook', () => {
    const catalogue = loadCatalogue();
    const ids = catalogue.runbooks.flatMap((r) => controlIds(r));
    expect(ids.length).toBeGreaterThan(catalogue.runbooks.length);
    expect(ids.filter((id) => !CONTROL_ID.test(id))).toEqual([]);
    expect(ids.every((id) => /^(hipaa|soc2|nistCsf|nist80053|cisV8):/.test(id))).toBe(true);
  });

  it('leave CIS benchmark recommendation titles out (prose, not ids)', () => {
    const av = loadCatalogue().runbook('RB-WIN-AV-001')!;
    expect(av.controls.cisBenchmark?.length).toBeGreaterThan(0);
    expect(controlIds(av).some((id) => id.startsWith('cisBenchmark'))).toBe(false);
  });
});
