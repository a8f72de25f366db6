import type { ControlResult } from '@custos/evidence';
import type { Catalogue } from '@custos/runbooks';
import { controlIds } from '../../../src/central/findings/scan-record.js';

/**
 * What a scan's evidence states for one check result, in the shape scan-record.ts writes: one entry
 * per framework control the runbook maps to, the failing ones naming the runbook. For seeding many
 * results quickly; packet-from-lab.int.test.ts records through scan-record.ts itself.
 */
export function statedControls(catalogue: Catalogue, hostId: string, runbookId: string, status: 'pass' | 'fail' | 'error'): ControlResult[] {
  const runbook = catalogue.runbook(runbookId);
  const result = status === 'error' ? 'na' : status;
  return controlIds(runbook).map((id) => ({ id, result, host: hostId, ...(result === 'fail' && runbook ? { finding: `${runbook.id}: ${runbook.title}`.slice(0, 200) } : {}) }));
}
