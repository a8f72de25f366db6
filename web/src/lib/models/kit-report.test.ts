import { describe, expect, it } from 'vitest';
import type { KitReport } from '@custos/evidence';
import { kitReportView } from './kit-report.js';

const site = { tenant: 't1', site: 's1', entries: 10, envelopesVerified: 10, artefactsVerified: 1, latestCheckpoint: 10, anchoredEntries: 8 };

describe('kitReportView', () => {
  it('says a clean kit verified, with the number of bundles', () => {
    const v = kitReportView({ ok: true, failures: [], notes: [], sites: [site, { ...site, site: 's2', envelopesVerified: 5 }], anchors: [], objectsChecked: 40 });
    expect(v).toEqual({ ok: true, verdict: 'Verified: 15 signed bundles in 2 site logs, every checkpoint and the manifest check out.', failures: [], bySite: {} });
  });

  it('groups failures by object and counts them per site', () => {
    const report: KitReport = {
      ok: false,
      failures: [
        { object: 'sites/t1/s1/envelopes/3-ab.dsse.json', code: 'envelope-digest', reason: 'content differs' },
        { object: 'sites/t1/s1/envelopes/3-ab.dsse.json', code: 'not-in-log', reason: 'not logged' },
        { object: 'sites/t1/s1/entries.bin#4', code: 'entry-mismatch', reason: 'entry 4 differs' },
        { object: 'manifest.dsse.json', code: 'manifest-mismatch', reason: 'lists a different digest' },
      ],
      notes: [],
      sites: [site],
      anchors: [],
      objectsChecked: 20,
    };
    const v = kitReportView(report);
    expect(v.verdict).toBe('Not verified: 4 problems in 3 objects. Each is listed below with the reason.');
    expect(v.failures[0]).toEqual({ object: 'sites/t1/s1/envelopes/3-ab.dsse.json', problems: [{ code: 'envelope-digest', reason: 'content differs' }, { code: 'not-in-log', reason: 'not logged' }] });
    expect(v.bySite).toEqual({ 't1/s1': 3, kit: 1 });
  });
});
