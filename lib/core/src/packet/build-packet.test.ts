import { describe, expect, it } from 'vitest';
import { buildPacket } from './build-packet.js';
import type { PacketInput } from './types.js';

const obs = (hostId: string, runbookId: string, outcome: 'pass' | 'fail' | 'not_applicable', observedAt: string) => ({
  hostId,
  runbookId,
  outcome,
  observedAt,
  evidenceId: `e:${hostId}:${runbookId}:${observedAt}`,
});

function input(): PacketInput {
  return {
    packetId: 'packet-c1-2026-10',
    client: { id: 'c1', name: 'Maple Family Practice' },
    branding: { partnerName: 'Northwind MSP', primaryColor: '#0b5394', accentColor: '#e69138' },
    period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'October 2026' },
    previousPeriodEnd: '2026-10-01T00:00:00.000Z',
    sites: [
      {
        id: 's1',
        name: 'Main office',
        hosts: [
          { id: 'h-dc', name: 'DC01', kind: 'domain_controller' },
          { id: 'h-ws1', name: 'FRONTDESK', kind: 'workstation' },
          { id: 'h-ws2', name: 'EXAM1', kind: 'workstation' },
        ],
      },
    ],
    frameworks: ['hipaa'],
    controls: [
      { framework: 'hipaa', id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', evidence: 'automated', runbooks: ['bitlocker'] },
      { framework: 'hipaa', id: '164.308(a)(1)(ii)(A)', title: 'Risk analysis', evidence: 'manual', runbooks: [] },
    ],
    hipaaItems: [
      { id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', kind: 'implementation-specification', requirement: 'addressable', evidence: 'automated' },
      { id: '164.308(a)(1)(ii)(A)', title: 'Risk analysis', kind: 'implementation-specification', requirement: 'required', evidence: 'manual', manualTask: 'Perform a risk analysis.' },
    ],
    observations: [
      obs('h-dc', 'bitlocker', 'not_applicable', '2026-09-30T10:00:00Z'),
      obs('h-ws1', 'bitlocker', 'fail', '2026-09-30T10:00:00Z'),
      obs('h-ws2', 'bitlocker', 'pass', '2026-09-30T10:00:00Z'),
      obs('h-ws1', 'bitlocker', 'pass', '2026-10-15T10:00:00Z'),
      obs('h-dc', 'backup', 'pass', '2026-10-31T10:00:00Z'),
    ],
    attestations: [],
    incidents: [
      { id: 'i1', siteId: 's1', hostId: 'h-ws1', runbookId: 'bitlocker', severity: 'high', openedAt: '2026-10-15T09:00:00Z', closedAt: '2026-10-15T09:30:00Z', outcome: 'healed', tier: 'L3' },
      { id: 'i2', siteId: 's1', hostId: 'h-ws2', runbookId: 'firewall', severity: 'medium', openedAt: '2026-10-20T09:00:00Z', closedAt: '2026-10-20T09:01:00Z', outcome: 'healed', tier: 'L1' },
      { id: 'i3', siteId: 's1', hostId: 'h-dc', runbookId: 'smb1', severity: 'high', openedAt: '2026-10-30T09:00:00Z', outcome: 'escalated', tier: 'L3' },
    ],
    approvals: [{ incidentId: 'i1', runbookId: 'bitlocker', decision: 'approve', approver: 'Dana Tech', decidedAt: '2026-10-15T09:20:00Z', reason: 'after hours' }],
    exceptions: [],
    topics: { encryption: ['bitlocker'], antivirus: [], patches: [], firewall: [], screenLock: [], backup: ['backup'], timeSync: [] },
    evidence: [{ siteId: 's1', entries: 120, bundlesThisPeriod: 40, latestCheckpoint: { size: 120, rootHash: 'ab'.repeat(32), at: '2026-10-31T23:00:00Z' }, anchors: [{ checkpointSize: 120, kind: 'bitcoin', status: 'pending' }] }],
    verifyCommand: 'custos verify ./kit',
  };
}

describe('buildPacket', () => {
  const packet = buildPacket(input());

  it('scores posture now and at the end of the previous month', () => {
    expect(packet.posture).toEqual([
      { framework: 'hipaa', score: 50, previousScore: 25, counts: { pass: 1, fail: 0, partial: 0, 'manual-pending': 1, 'not-applicable': 0 } },
    ]);
    expect(packet.hipaaScoreTrend).toHaveLength(31);
    expect(packet.hipaaScoreTrend[0]).toEqual({ date: '2026-10-02', score: 25 });
    expect(packet.hipaaScoreTrend[30]).toEqual({ date: '2026-11-01', score: 50 });
  });

  it('lists every HIPAA item with its status and the manual tasks still open', () => {
    expect(packet.hipaaItems.map((i) => [i.id, i.status, i.openTask])).toEqual([
      ['164.312(a)(2)(iv)', 'pass', undefined],
      ['164.308(a)(1)(ii)(A)', 'manual-pending', 'Perform a risk analysis.'],
    ]);
  });

  it('summarises findings by tier with mean time to heal', () => {
    expect(packet.findings).toEqual({ opened: 3, healed: 2, healedByTier: { L1: 1, L2: 0, L3: 1 }, escalated: 1, stillOpen: 1, meanTimeToHealMinutes: 15.5 });
  });

  it('summarises workstations and servers by topic, naming failing hosts', () => {
    expect(packet.workstations[0]).toEqual({ topic: 'Disk encryption (BitLocker)', compliant: 2, total: 2, failingHosts: [] });
    expect(packet.backupAndTime[0]).toEqual({ topic: 'Backups', compliant: 1, total: 1, failingHosts: [] });
  });

  it('says it in plain words', () => {
    expect(packet.executiveSummary.headline).toBe('HIPAA Security Rule posture: 50%, up 25 points from last month.');
    expect(packet.executiveSummary.paragraphs.join(' ')).toContain('fixed 2 (1 automatically by rule, 0 by the planner');
    expect(packet.executiveSummary.paragraphs.join(' ')).toContain('1 HIPAA item needs a person');
  });

  it('is deterministic: the same evidence in any order gives the same bytes', () => {
    const shuffled = input();
    shuffled.observations.reverse();
    shuffled.incidents.reverse();
    expect(JSON.stringify(buildPacket(shuffled))).toBe(JSON.stringify(packet));
  });
});
