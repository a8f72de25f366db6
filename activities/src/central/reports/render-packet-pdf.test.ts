import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPacket, type PacketInput } from '@custos/core';
import { commandExists, ensureDebianPackages } from '@custos/testkit/apt';
import { renderPacketPdf } from './render-packet-pdf.js';

const obs = (hostId: string, runbookId: string, outcome: 'pass' | 'fail', observedAt: string) => ({ hostId, runbookId, outcome, observedAt, evidenceId: `e-${hostId}-${runbookId}-${observedAt}` });

const input: PacketInput = {
  packetId: 'packet-c1-2026-10',
  client: { id: 'c1', name: 'Maple Family Practice' },
  branding: { partnerName: 'Northwind MSP', primaryColor: '#0b5394', accentColor: '#e69138' },
  period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'October 2026' },
  previousPeriodEnd: '2026-10-01T00:00:00.000Z',
  sites: [{ id: 's1', name: 'Main', hosts: [{ id: 'h1', name: 'FRONTDESK', kind: 'workstation' }, { id: 'h2', name: 'EXAM1', kind: 'workstation' }] }],
  frameworks: ['hipaa', 'soc2'],
  controls: [
    { framework: 'hipaa', id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', evidence: 'automated', runbooks: ['bitlocker'] },
    { framework: 'soc2', id: 'CC6.1', title: 'Logical access', evidence: 'automated', runbooks: ['bitlocker'] },
  ],
  hipaaItems: [{ id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', kind: 'implementation-specification', requirement: 'addressable', evidence: 'automated' }],
  observations: [obs('h1', 'bitlocker', 'fail', '2026-10-02T10:00:00Z'), obs('h2', 'bitlocker', 'pass', '2026-10-02T10:00:00Z'), obs('h1', 'bitlocker', 'pass', '2026-10-12T10:00:00Z')],
  attestations: [],
  incidents: [{ id: 'i1', siteId: 's1', hostId: 'h1', runbookId: 'bitlocker', severity: 'high', openedAt: '2026-10-02T10:00:00Z', closedAt: '2026-10-12T10:00:00Z', outcome: 'healed', tier: 'L3' }],
  approvals: [{ incidentId: 'i1', runbookId: 'bitlocker', decision: 'approve', approver: 'Dana Tech', decidedAt: '2026-10-12T09:00:00Z', reason: 'Évening window — ok' }],
  exceptions: [],
  topics: { encryption: ['bitlocker'], antivirus: [], patches: [], firewall: [], screenLock: [], backup: [], timeSync: [] },
  evidence: [{ siteId: 's1', entries: 12, bundlesThisPeriod: 12, anchors: [] }],
  verifyCommand: 'custos verify ./kit',
};

describe('renderPacketPdf', () => {
  let pdf: Uint8Array;
  let dir: string;

  beforeAll(async () => {
    ensureDebianPackages(['poppler-utils'], () => commandExists('pdftotext'));
    pdf = await renderPacketPdf(buildPacket(input), input.branding);
    dir = mkdtempSync(path.join(os.tmpdir(), 'custos-packet-'));
    writeFileSync(path.join(dir, 'packet.pdf'), pdf);
  }, 600_000);

  it('is byte-identical when rendered again from the same evidence', async () => {
    const again = await renderPacketPdf(buildPacket(structuredClone(input)), input.branding);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it('parses as PDF and its text carries the figures and the branding', () => {
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'packet.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Northwind MSP');
    expect(text).toContain('Maple Family Practice');
    expect(text).toContain('HIPAA Security Rule posture: 100%, up 100 points from last month.');
    expect(text).toMatch(/Opened 1 · healed 1 · escalated 0 · still open at month end 0 · mean time to heal 14400 min/);
    expect(text).toMatch(/a fix\s+took\s+10\s+days\s+on\s+average/);
    expect(text).toContain('Dana Tech');
    expect(text).toContain('Évening window');
    expect(text).toContain('custos verify ./kit');
    const pages = execFileSync('pdfinfo', [path.join(dir, 'packet.pdf')], { encoding: 'utf8' });
    expect(pages).toMatch(/Pages:\s+[2-9]/);
  });

  it('renders to PNG pages', () => {
    const out = path.join(dir, 'png');
    mkdirSync(out);
    execFileSync('pdftoppm', ['-r', '50', '-png', path.join(dir, 'packet.pdf'), path.join(out, 'page')]);
    expect(readdirSync(out).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
  });
});
