import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '@custos/runbooks';
import { checkStrictSchema } from '@custos/testkit/openai';
import { plannerCatalogue } from '../../../test/planner/fixture-catalogue.js';
import { plannerCandidates } from './candidates.js';
import { planResponseFormat } from './response-format.js';

let catalogue: Catalogue;
let cleanup: () => void;
beforeAll(() => ({ catalogue, cleanup } = plannerCatalogue()));
afterAll(() => cleanup());

describe('planner candidates and response format', () => {
  it('offers only remediable runbooks for the host kind, the failing one first', () => {
    expect(plannerCandidates(catalogue, { runbookId: 'RB-WIN-SVC-001', hostKind: 'workstation' }).map((r) => r.id)).toEqual([
      'RB-WIN-SVC-001',
      'RB-WIN-AV-001',
      'RB-WIN-ENC-001',
    ]);
    expect(plannerCandidates(catalogue, { runbookId: 'RB-WIN-LOG-001', hostKind: 'domain_controller' }).map((r) => r.id)).toContain('RB-WIN-DC-001');
  });

  it('is a schema the real API accepts in strict mode, built from the candidates only', () => {
    const candidates = plannerCandidates(catalogue, { runbookId: 'RB-WIN-SVC-001', hostKind: 'workstation' });
    const format = planResponseFormat(candidates);
    expect(() => checkStrictSchema(format.json_schema.name, format.json_schema.schema)).not.toThrow();
    const choice = format.json_schema.schema.properties.choice as { anyOf: { properties: { runbookId: { enum: string[] } } }[] };
    const ids = choice.anyOf.map((b) => b.properties.runbookId.enum[0]);
    expect(ids).toEqual(['RB-WIN-SVC-001', 'RB-WIN-AV-001', 'RB-WIN-ENC-001', 'ESCALATE']);
  });
});
