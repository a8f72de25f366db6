import { describe, expect, it } from 'vitest';
import { coveredControls, meanScore, openAt, scoresFor, scoreTrend, type ControlMap } from './compliance-score.js';

const map: ControlMap = new Map([
  ['RB-FW', { hipaa: ['164.312(e)(1)', '164.308(a)(1)'], soc2: ['CC6.6'] }],
  ['RB-AV', { hipaa: ['164.308(a)(5)(ii)(B)', '164.308(a)(1)'], soc2: ['CC6.8'] }],
  ['RB-BL', { hipaa: ['164.312(a)(2)(iv)'], cisV8: ['3.6'] }],
]);

describe('compliance score', () => {
  it('counts controls covered by enabled runbooks, each once', () => {
    const c = coveredControls(map, ['RB-FW', 'RB-AV', 'RB-UNKNOWN']);
    expect([...c.hipaa].sort()).toEqual(['164.308(a)(1)', '164.308(a)(5)(ii)(B)', '164.312(e)(1)']);
    expect(c.soc2.size).toBe(2);
    expect(c.cisV8.size).toBe(0);
  });

  it('scores the share of covered controls with no open finding; no coverage is no score', () => {
    const c = coveredControls(map, ['RB-FW', 'RB-AV']);
    const all = scoresFor(map, c, []);
    expect(all).toEqual({ hipaa: 100, soc2: 100, nistCsf: null, nist80053: null, cisV8: null });
    // Firewall failing: two of three HIPAA controls fail (one is shared with AV), one of two SOC 2.
    const s = scoresFor(map, c, ['RB-FW']);
    expect(s.hipaa).toBeCloseTo(100 / 3);
    expect(s.soc2).toBe(50);
    // A failing check whose controls are not covered changes nothing.
    expect(scoresFor(map, c, ['RB-BL'])).toEqual(all);
  });

  it('draws a daily trend from when findings opened and closed', () => {
    const DAY = 86_400_000;
    const now = Date.parse('2026-11-26T12:00:00Z');
    const c = coveredControls(map, ['RB-FW', 'RB-AV']);
    const findings = [
      { checkId: 'RB-FW', observedAt: now - 2 * DAY, resolvedAt: now - DAY - 3600_000 }, // open the day before yesterday only
      { checkId: 'RB-AV', observedAt: now - 3600_000, resolvedAt: null }, // open today
    ];
    const trend = scoreTrend(map, c, findings, 3, now);
    expect(trend.map((p) => p.scores.soc2)).toEqual([50, 100, 50]);
    expect(new Date(trend[2]!.day).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(openAt(findings, now)).toEqual(['RB-AV']);
  });

  it('averages only sites that have a score', () => {
    expect(meanScore([100, null, 50])).toBe(75);
    expect(meanScore([null])).toBeNull();
  });
});
