import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_CONFIG } from '../../../activities/src/central/schedules/site-entity-contract.js';
import { claimProblems, configProblems, SiteState } from './site-state.js';

const fresh = () => new SiteState('s1', { siteId: 's1', config: structuredClone(DEFAULT_SITE_CONFIG), configVersion: 0, cooldowns: [] });

describe('site state', () => {
  it('applies a valid configuration change and bumps the version', () => {
    const s = fresh();
    s.configure({ serverScanEveryMinutes: 5, maintenanceWindow: { timeZone: 'America/Chicago', days: [6], start: '22:00', durationMinutes: 240 } });
    expect(s.snapshot()).toMatchObject({ configVersion: 1, config: { serverScanEveryMinutes: 5, workstationScanEveryMinutes: 60, maintenanceWindow: { days: [6] } } });
  });

  it('names every bad field and changes nothing', () => {
    const bad = { serverScanEveryMinutes: 0, maintenanceWindow: { timeZone: 'Nope/Nowhere', days: [1], start: '09:00', durationMinutes: 30 }, contactLevels: 0, approvalSlaMs: { critical: 10 }, color: 'red' } as never;
    expect(configProblems(bad)).toEqual([
      'color: not a site setting',
      'serverScanEveryMinutes: must be from 0.05 (3 s) to 10080 minutes',
      'maintenanceWindow.timeZone: "Nope/Nowhere" is not an IANA time zone',
      'approvalSlaMs.critical: must be from 1000 ms to 30 days',
      'approvalSlaMs.high: must be from 1000 ms to 30 days',
      'approvalSlaMs.medium: must be from 1000 ms to 30 days',
      'approvalSlaMs.low: must be from 1000 ms to 30 days',
      'contactLevels: must be an integer from 1 to 10',
    ]);
    const s = fresh();
    expect(() => s.configure(bad)).toThrow(/site configuration refused/);
    expect(s.snapshot().configVersion).toBe(0);
  });

  it('grants a cooldown claim once until it runs out, then again', () => {
    const s = fresh();
    expect(s.claim({ key: 'L1-A\u0000h1', until: 1000 }, 0)).toEqual({ granted: true, until: 1000 });
    expect(s.claim({ key: 'L1-A\u0000h1', until: 2000 }, 500)).toEqual({ granted: false, until: 1000 });
    expect(s.claim({ key: 'L1-A\u0000h2', until: 2000 }, 500)).toEqual({ granted: true, until: 2000 });
    expect(s.claim({ key: 'L1-A\u0000h1', until: 3000 }, 1000)).toEqual({ granted: true, until: 3000 });
    s.prune(2500);
    expect(s.snapshot().cooldowns).toEqual([['L1-A\u0000h1', 3000]]);
    expect(claimProblems({ key: '', until: Number.NaN })).toEqual(['key: must be a non-empty string', 'until: must be epoch milliseconds']);
  });
});
