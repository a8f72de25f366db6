import { describe, expect, it } from 'vitest';
import { buildPacket, type Observation, type PacketInput } from '@custos/core';
import { decidingObservations } from './deciding-observations.js';

const day = (d: number, h = 6) => new Date(Date.UTC(2026, 9, d, h)).toISOString();
const obs = (hostId: string, runbookId: string, outcome: Observation['outcome'], observedAt: string, evidenceId = `${hostId}/${runbookId}/${observedAt}`): Observation => ({ hostId, runbookId, outcome, observedAt, evidenceId });

function input(observations: Observation[]): PacketInput {
  return {
    packetId: 'p', client: { id: 'c', name: 'Clinic' }, branding: { partnerName: 'MSP', primaryColor: '#000000', accentColor: '#ffffff' },
    period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'October 2026' }, previousPeriodEnd: '2026-10-01T00:00:00.000Z',
    sites: [{ id: 's', name: 'Main', hosts: [{ id: 'h1', name: 'WS1', kind: 'workstation' }, { id: 'h2', name: 'WS2', kind: 'workstation' }] }],
    frameworks: ['hipaa'],
    controls: [{ framework: 'hipaa', id: 'enc', title: 'Encryption', evidence: 'automated', runbooks: ['bitlocker', 'av'] }],
    hipaaItems: [{ id: 'enc', title: 'Encryption', kind: 'standard', requirement: 'required', evidence: 'automated' }],
    observations, attestations: [], incidents: [], approvals: [], exceptions: [],
    topics: { encryption: ['bitlocker'], antivirus: ['av'], patches: [], firewall: [], screenLock: [], backup: [], timeSync: [] },
    evidence: [], verifyCommand: 'custos verify kit',
  };
}

describe('decidingObservations', () => {
  it('keeps only the latest observation before each instant, so the packet is identical', () => {
    const observations: Observation[] = [];
    // Hourly scans of two hosts and two runbooks for the whole month, flipping now and then.
    for (let d = 1; d <= 31; d++) {
      for (let h = 0; h < 24; h++) {
        for (const host of ['h1', 'h2']) for (const rb of ['bitlocker', 'av']) observations.push(obs(host, rb, (d * 24 + h + host.length + rb.length) % 17 === 0 ? 'fail' : 'pass', day(d, h)));
      }
    }
    observations.push(obs('h1', 'bitlocker', 'fail', '2026-09-30T23:00:00.000Z'), obs('h1', 'av', 'pass', '2026-11-01T00:00:00.000Z'), obs('h2', 'av', 'fail', '2026-11-02T00:00:00.000Z'));
    const instants = ['2026-10-01T00:00:00.000Z', ...Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(2026, 9, i + 2)).toISOString())];
    const kept = decidingObservations(observations, instants);
    expect(kept.length).toBeLessThanOrEqual(4 * instants.length);
    expect(kept.length).toBeLessThan(observations.length / 20);
    expect(buildPacket(input(kept))).toEqual(buildPacket(input(observations)));
  });

  it('breaks ties at the same time the way posture does: the larger evidence id', () => {
    const a = obs('h1', 'av', 'pass', day(3), 'a');
    const b = obs('h1', 'av', 'fail', day(3), 'b');
    expect(decidingObservations([b, a], [day(4)])).toEqual([b]);
  });

  it('drops observations after the last instant and keeps one observation that decides several instants once', () => {
    const early = obs('h1', 'av', 'pass', day(1));
    expect(decidingObservations([early, obs('h1', 'av', 'fail', day(9))], [day(2), day(3), day(4)])).toEqual([early]);
  });
});
