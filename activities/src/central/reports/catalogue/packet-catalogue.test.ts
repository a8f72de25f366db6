import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '@custos/runbooks';
import { attestableControls, packetCatalogue, type PacketCatalogue } from './packet-catalogue.js';

let catalogue: Catalogue;
let view: PacketCatalogue;

beforeAll(() => {
  catalogue = loadCatalogue();
  view = packetCatalogue(catalogue);
}, 60_000);

describe('the packet view of the shipped catalogue', () => {
  it('lists every HIPAA Security Rule item once, with its evidence class and open task', () => {
    const hipaa = catalogue.controls.get('hipaa')!.controls;
    expect(view.hipaaItems.map((i) => i.id)).toEqual(hipaa.map((c) => c.id));
    const riskAnalysis = view.hipaaItems.find((i) => i.id === '164.308(a)(1)(ii)(A)')!;
    expect(riskAnalysis).toMatchObject({ kind: 'implementation-specification', requirement: 'required', evidence: 'manual', manualTask: expect.stringContaining('risk') });
  });

  it('evidences a HIPAA standard through the runbooks of its implementation specifications', () => {
    const standard = view.controls.find((c) => c.framework === 'hipaa' && c.id === '164.308(a)(5)(i)')!;
    const spec = view.controls.find((c) => c.framework === 'hipaa' && c.id === '164.308(a)(5)(ii)(B)')!;
    expect(spec.runbooks.length).toBeGreaterThan(0);
    for (const r of spec.runbooks) expect(standard.runbooks).toContain(r);
  });

  it('leaves grouping rows (functions, categories, control groups) out of every framework', () => {
    expect(view.frameworks).toEqual(['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8']);
    expect(view.controls.some((c) => c.framework === 'soc2' && c.id === 'CC1')).toBe(false);
    expect(view.controls.some((c) => c.framework === 'soc2' && c.id === 'CC1.1')).toBe(true);
  });

  it('resolves every workstation and server topic to catalogue runbooks', () => {
    for (const [topic, ids] of Object.entries(view.topics)) {
      expect(ids.length, topic).toBeGreaterThan(0);
      for (const id of ids) expect(catalogue.runbook(id), `${topic}: ${id}`).toBeDefined();
    }
    expect(view.topics.screenLock).toEqual(['RB-WIN-SEC-016']);
    expect(view.topics.backup).toContain('RB-WIN-BACKUP-001');
  });

  it('marks runbooks that never run on a host kind as not applicable there, and nothing else', () => {
    const na = view.notApplicable([{ id: 'ws', kind: 'workstation' }, { id: 'dc', kind: 'domain_controller' }]);
    expect(na.some((o) => o.hostId === 'ws' && o.runbookId === 'RB-WIN-BACKUP-001')).toBe(true);
    expect(na.some((o) => o.hostId === 'dc' && o.runbookId === 'RB-WIN-BACKUP-001')).toBe(false);
    expect(na.some((o) => o.hostId === 'ws' && o.runbookId === 'RB-WIN-AV-001')).toBe(false);
    expect(na.every((o) => o.outcome === 'not_applicable' && o.observedAt === '1970-01-01T00:00:00.000Z')).toBe(true);
  });

  it('offers every manual and partial control for attestation, never an automated one', () => {
    const attestable = attestableControls(catalogue);
    const automated = view.hipaaItems.filter((i) => i.evidence === 'automated').map((i) => i.id);
    expect(attestable.filter((c) => c.framework === 'hipaa').map((c) => c.id)).toEqual(view.hipaaItems.filter((i) => i.evidence !== 'automated').map((i) => i.id));
    expect(attestable.some((c) => c.framework === 'hipaa' && automated.includes(c.id))).toBe(false);
    expect(attestable.every((c) => c.task.length > 0)).toBe(true);
  });
});
