import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, type CatalogueView } from '../src/lib/server/catalogue.js';

// The dashboard reads @custos/runbooks through a hand-written type view (src/lib/server/types/):
// this loads the real catalogue and checks every field the view relies on is there, with its type.
describe('the catalogue as the dashboard sees it', () => {
  let c: CatalogueView;
  beforeAll(async () => {
    c = await catalogue();
  });

  it('has every runbook with the fields the pages show', () => {
    expect(c.runbooks.length).toBeGreaterThan(10);
    for (const r of c.runbooks) {
      expect(typeof r.id).toBe('string');
      expect(Number.isInteger(r.version)).toBe(true);
      for (const k of ['title', 'description', 'category', 'severity'] as const) expect(typeof r[k], `${r.id}.${k}`).toBe('string');
      for (const k of ['disruptive', 'requiresApproval', 'alertOnly', 'maintenanceWindow', 'requiresReboot'] as const) expect(typeof r[k], `${r.id}.${k}`).toBe('boolean');
      expect(r.hostKinds.length).toBeGreaterThan(0);
      for (const p of r.params) expect(typeof p.description).toBe('string');
      for (const ids of Object.values(r.controls)) expect(ids!.every((id) => typeof id === 'string')).toBe(true);
    }
  });

  it('has the five frameworks, each control with an id and title, and maps runbooks to controls', () => {
    expect(c.frameworks.map((f) => f.framework).sort()).toEqual(['cisV8', 'hipaa', 'nist80053', 'nistCsf', 'soc2']);
    const hipaa = c.frameworks.find((f) => f.framework === 'hipaa')!;
    expect(hipaa.controls.every((k) => k.id && k.title && k.kind)).toBe(true);
    const mapped = Object.keys(hipaa.runbooksByControl);
    expect(mapped.length).toBeGreaterThan(5);
    expect(mapped.every((id) => hipaa.controls.some((k) => k.id === id))).toBe(true);
    expect(c.controlMap.get(c.runbooks[0]!.id)).toBe(c.runbooks[0]!.controls);
  });
});
