/** Builds small catalogues in a temp folder for loader tests; each file's text is given verbatim. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const HIPAA = `framework: hipaa
title: HIPAA Security Rule (test)
edition: test
source: https://example.test/hipaa
controls:
  - id: 164.312(b)
    title: Audit controls
    kind: standard
    requirement: required
    evidence: automated
    how: The test runbook checks it.
  - id: 164.312(d)
    title: Person or entity authentication
    kind: standard
    requirement: required
    evidence: manual
    how: Not evidenced by runbooks.
    manualTask: Attest how people are authenticated.
`;

export const RUNBOOK = `id: RB-WIN-TEST-001
version: 2
title: Test runbook for the loader
description: A runbook used only by the loader tests; it checks one registry value on the host.
platform: windows
hostKinds: [workstation]
category: hardening
severity: low
alertOnly: false
disruptive: false
requiresApproval: false
maintenanceWindow: false
requiresReboot: false
timeoutSeconds: 60
params:
  maxValue:
    type: integer
    minimum: 0
    default: 5
    description: Largest acceptable value.
check:
  script: |
    param($Params)
    $v = 3
    Emit ([ordered]@{ value = $v; limit = [int]$Params.maxValue })
    exit 0
  output:
    type: object
    required: [value, limit]
    properties:
      value: { type: integer }
      limit: { type: integer }
  pass: { path: value, op: lte, param: maxValue }
remediate:
  script: |
    param($Params)
    Emit ([ordered]@{ changed = $false; actions = @() })
    exit 0
evidence: [value]
controls:
  hipaa: ['164.312(b)']
`;

export const RULES = `rules:
  - id: L1-WIN-TEST-001
    description: Heal the test runbook.
    enabled: true
    priority: 10
    cooldownSeconds: 60
    match:
      - { path: runbookId, op: eq, value: RB-WIN-TEST-001 }
      - { path: output.value, op: gt, value: 5 }
    action: { kind: run_runbook, runbook: RB-WIN-TEST-001, params: { maxValue: 4 } }
    provenance: { source: hand-written, author: test, since: '2026-11-27' }
`;

export type FixtureFiles = Record<string, string>;

export function baseFiles(): FixtureFiles {
  return { 'controls/hipaa.yaml': HIPAA, 'windows/RB-WIN-TEST-001.yaml': RUNBOOK, 'rules/test.yaml': RULES };
}

/** Writes the files into a fresh temp folder and returns it with a cleanup function. */
export function writeFixture(files: FixtureFiles): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'custos-catalogue-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
