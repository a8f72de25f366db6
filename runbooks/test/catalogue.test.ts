/**
 * The shipped catalogue: it loads, every script passes the grammar/convention/injection lint, it
 * covers the original platform's Windows runbooks and the reference list, and L1 has a rule for
 * every runbook that heals without a person.
 */
import { compileL1Rules, decideL1 } from '@custos/core';
import { describe, expect, it } from 'vitest';
import { defaultCatalogueRoot, healMode, loadCatalogue } from '../src/index.js';
import { lintCatalogueScripts, lintScript, loadGrammarGaps } from '../src/lint/index.js';

const root = defaultCatalogueRoot();
const catalogue = loadCatalogue();
const byId = new Map(catalogue.runbooks.map((r) => [r.id, r]));

/** The original platform's 27 Windows runbooks (reference seed.md §1.3); ids are kept. */
const ORIGINAL_WINDOWS = [
  'RB-WIN-PATCH-001', 'RB-WIN-AV-001', 'RB-WIN-BACKUP-001', 'RB-WIN-LOGGING-001', 'RB-WIN-FIREWALL-001', 'RB-WIN-ENCRYPTION-001',
  'RB-WIN-AD-001', 'RB-WIN-AD-002', 'RB-WIN-SVC-001', 'RB-WIN-SVC-002', 'RB-WIN-SVC-003', 'RB-WIN-SVC-004', 'RB-WIN-SEC-001',
  'RB-WIN-SEC-002', 'RB-WIN-SEC-003', 'RB-WIN-SEC-004', 'RB-WIN-SEC-005', 'RB-WIN-SEC-006', 'RB-WIN-NET-001', 'RB-WIN-NET-002',
  'RB-WIN-NET-003', 'RB-WIN-NET-004', 'RB-WIN-STG-001', 'RB-WIN-STG-002', 'RB-WIN-STG-003', 'RB-WIN-UPD-001', 'RB-WIN-UPD-002',
];

/** The five workstation WMI checks (seed.md §1.6) and the reference list of the issue. */
const TOPICS: Record<string, string[]> = {
  'workstation: bitlocker': ['RB-WIN-ENCRYPTION-001', 'RB-WIN-SEC-005'],
  'workstation: defender real-time + signature age': ['RB-WIN-AV-001', 'RB-WIN-SEC-006'],
  'workstation: patch age': ['RB-WIN-PATCH-002'],
  'workstation: firewall profiles': ['RB-WIN-SEC-001'],
  'workstation: screen lock': ['RB-WIN-SEC-016'],
  'audit policy': ['RB-WIN-SEC-002'],
  'password policy': ['RB-WIN-SEC-004'],
  'lockout policy': ['RB-WIN-SEC-003'],
  SMBv1: ['RB-WIN-SEC-020'],
  'SMB signing': ['RB-WIN-SEC-007'],
  'RDP NLA': ['RB-WIN-SEC-010'],
  'TLS 1.0/1.1': ['RB-WIN-SEC-014'],
  LLMNR: ['RB-WIN-NET-005'],
  NetBIOS: ['RB-WIN-NET-004'],
  WDigest: ['RB-WIN-SEC-030'],
  'LSA protection': ['RB-WIN-SEC-013'],
  NTLMv1: ['RB-WIN-SEC-008'],
  'guest account': ['RB-WIN-SEC-024'],
  'local administrators': ['RB-WIN-SEC-009'],
  'privileged AD groups': ['RB-WIN-AD-005'],
  'stale and inactive AD accounts': ['RB-WIN-AD-006', 'RB-WIN-AD-007'],
  'krbtgt age': ['RB-WIN-AD-008'],
  'PowerShell script-block logging': ['RB-WIN-LOG-002'],
  'event log size/retention': ['RB-WIN-LOGGING-001', 'RB-WIN-SEC-012'],
  'Windows Update service': ['RB-WIN-UPD-001', 'RB-WIN-UPD-003'],
  'time sync': ['RB-WIN-SVC-004', 'RB-WIN-TIME-001'],
  'backup status (WSB / VSS)': ['RB-WIN-BACKUP-001', 'RB-WIN-BACKUP-002', 'RB-WIN-STG-002'],
  AutoRun: ['RB-WIN-SEC-029'],
  UAC: ['RB-WIN-SEC-011'],
  'USB storage': ['RB-WIN-SEC-015'],
  'AV exclusions': ['RB-WIN-SEC-017'],
  'certificate expiry': ['RB-WIN-CERT-001'],
  'disk space for logs': ['RB-WIN-STG-004'],
};

describe('the shipped runbook catalogue', () => {
  it('has at least 60 Windows runbooks, honestly classified', () => {
    expect(catalogue.runbooks.length).toBeGreaterThanOrEqual(60);
    const modes = catalogue.runbooks.reduce<Record<string, number>>((m, r) => ({ ...m, [healMode(r)]: (m[healMode(r)] ?? 0) + 1 }), {});
    expect(modes['alert-only']).toBeGreaterThan(0);
    expect(modes.approval).toBeGreaterThan(0);
    // What a real admin wants a person for: patching, reboots, BitLocker, protocol changes that break old clients.
    for (const id of ['RB-WIN-PATCH-001', 'RB-WIN-PATCH-004', 'RB-WIN-ENCRYPTION-001', 'RB-WIN-SEC-007', 'RB-WIN-SEC-008', 'RB-WIN-SEC-014', 'RB-WIN-SEC-020', 'RB-WIN-NET-004']) {
      expect(byId.get(id), id).toMatchObject({ disruptive: true, requiresApproval: true, maintenanceWindow: true });
    }
    for (const r of catalogue.runbooks.filter((x) => x.alertOnly)) expect(catalogue.script(r.id, r.version, 'remediate'), r.id).toBeUndefined();
  });

  it('keeps every runbook of the original platform and covers the reference list', () => {
    expect(ORIGINAL_WINDOWS.filter((id) => !byId.has(id))).toEqual([]);
    const missing = Object.entries(TOPICS).flatMap(([topic, ids]) => ids.filter((id) => !byId.has(id)).map((id) => `${topic}: ${id}`));
    expect(missing).toEqual([]);
  });

  it('passes the PowerShell grammar, the script convention and the injection lint in every script', () => {
    const { findings, gapsUsed, scripts } = lintCatalogueScripts(catalogue, root);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.runbookId} ${f.phase} ${f.rule}: ${f.message}`)).toEqual([]);
    expect(scripts).toBeGreaterThan(catalogue.runbooks.length * 2 - 20);
    const stale = loadGrammarGaps(root).filter((g) => g.allow && !gapsUsed.has(g.id));
    expect(stale.map((g) => g.id)).toEqual([]);
  });

  it('documents real grammar gaps: each example fails to parse and its rewrite parses', () => {
    const wrap = (line: string) => `param($Params)\n${line}\nEmit 1\nexit 0\n`;
    for (const gap of loadGrammarGaps(root)) {
      expect(lintScript(wrap(gap.example)).findings.map((f) => f.rule), gap.id).toContain('parse-error');
      expect(lintScript(wrap(gap.rewrite)).findings, gap.id).toEqual([]);
      // An allowed gap only silences the parse error; the analysis cannot see into the damaged tree.
      expect(lintScript(wrap(gap.example), [gap]).findings.filter((f) => f.rule === 'parse-error'), `${gap.id} pattern covers its example`).toEqual([]);
    }
  });

  it('has an enabled L1 rule that heals every auto-healable runbook, and escalates the rest', () => {
    const healing = new Set(catalogue.rules.filter((e) => e.rule.enabled && e.rule.action.kind === 'run_runbook').map((e) => (e.rule.action as { runbook: string }).runbook));
    const auto = catalogue.runbooks.filter((r) => healMode(r) === 'auto');
    expect(auto.filter((r) => !healing.has(r.id)).map((r) => r.id)).toEqual([]);

    const ruleSet = compileL1Rules(catalogue.rules.map((e) => e.rule));
    for (const r of catalogue.runbooks.filter((x) => healMode(x) !== 'auto')) {
      const d = decideL1(ruleSet, { runbookId: r.id, hostId: 'h1', status: 'fail', output: {} }, new Map(), 0);
      expect(d.kind, r.id).toBe('escalate');
    }
  });

  it('lists every HIPAA Security Rule item with a status', () => {
    const hipaa = catalogue.controls.get('hipaa')!;
    expect(hipaa.controls.length).toBe(65);
    for (const prefix of ['164.308', '164.310', '164.312', '164.314', '164.316']) expect(hipaa.controls.some((c) => c.id.startsWith(prefix))).toBe(true);
    expect(hipaa.controls.filter((c) => !c.evidence || !c.requirement).map((c) => c.id)).toEqual([]);
  });
});
