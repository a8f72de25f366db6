/**
 * A small catalogue for planner tests, written to a temp folder and loaded with the real loader:
 * a remediable runbook with an integer param, one with a constrained string param (the injection
 * target), a disruptive approval-gated one, an alert-only one and one for servers only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadCatalogue, type Catalogue } from '@custos/runbooks';

const HIPAA = `framework: hipaa
title: HIPAA Security Rule (planner test)
edition: test
source: https://example.test/hipaa
controls:
  - id: 164.308(a)(5)(ii)(B)
    title: Protection from malicious software
    kind: implementation-specification
    requirement: addressable
    evidence: automated
    how: The test runbooks check it.
`;

function runbook(o: { id: string; title: string; hostKinds?: string; alertOnly?: boolean; disruptive?: boolean; params: string; remediate?: boolean; category?: string }) {
  const remediate =
    o.remediate === false
      ? ''
      : `remediate:
  script: |
    param($Params)
    $actions = @()
    Emit ([ordered]@{ changed = $false; actions = $actions })
    exit 0
`;
  return `id: ${o.id}
version: 1
title: ${o.title}
description: A runbook used only by the L2 planner tests; it reads one value from the host and reports it.
platform: windows
hostKinds: [${o.hostKinds ?? 'domain_controller, server, workstation'}]
category: ${o.category ?? 'endpoint-protection'}
severity: high
alertOnly: ${o.alertOnly ?? false}
disruptive: ${o.disruptive ?? false}
requiresApproval: ${o.disruptive ?? false}
maintenanceWindow: ${o.disruptive ?? false}
requiresReboot: false
timeoutSeconds: 60
params:
${o.params}
check:
  script: |
    param($Params)
    $v = 3
    Emit ([ordered]@{ value = $v })
    exit 0
  output:
    type: object
    required: [value]
    properties:
      value: { type: integer }
  pass: { path: value, op: lte, value: 5 }
${remediate}evidence: [value]
controls:
  hipaa: ['164.308(a)(5)(ii)(B)']
`;
}

const AGE = `  maxSignatureAgeDays:
    type: integer
    minimum: 1
    maximum: 30
    default: 3
    description: Oldest acceptable age of the antivirus signatures, in days.`;
const SERVICE = `  serviceName:
    type: string
    pattern: '^[A-Za-z0-9_.-]{1,64}$'
    default: WinDefend
    description: Name of the Windows service to start.
  startupType:
    type: string
    enum: [Automatic, Manual]
    default: Automatic
    description: Startup type to set on the service.`;

export const FILES: Record<string, string> = {
  'controls/hipaa.yaml': HIPAA,
  'windows/RB-WIN-AV-001.yaml': runbook({ id: 'RB-WIN-AV-001', title: 'Defender running with current signatures', params: AGE }),
  'windows/RB-WIN-SVC-001.yaml': runbook({ id: 'RB-WIN-SVC-001', title: 'A required service is running', params: SERVICE, category: 'services' }),
  'windows/RB-WIN-ENC-001.yaml': runbook({ id: 'RB-WIN-ENC-001', title: 'BitLocker protects the system drive', params: '  {}', disruptive: true, category: 'encryption' }),
  'windows/RB-WIN-LOG-001.yaml': runbook({ id: 'RB-WIN-LOG-001', title: 'Security log retention is long enough', params: '  {}', alertOnly: true, remediate: false, category: 'audit-logging' }),
  'windows/RB-WIN-DC-001.yaml': runbook({ id: 'RB-WIN-DC-001', title: 'Domain controller replication is healthy', params: '  {}', hostKinds: 'domain_controller', category: 'active-directory' }),
  'rules/test.yaml': `rules:
  - id: L1-WIN-AV-001
    description: Heal the test antivirus runbook.
    enabled: true
    priority: 10
    cooldownSeconds: 60
    match:
      - { path: runbookId, op: eq, value: RB-WIN-AV-001 }
      - { path: output.value, op: gt, value: 100 }
    action: { kind: run_runbook, runbook: RB-WIN-AV-001, params: {} }
    provenance: { source: hand-written, author: test, since: '2026-11-27' }
`,
};

/** Loads the fixture catalogue; call the returned cleanup in afterAll. */
export function plannerCatalogue(): { catalogue: Catalogue; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'custos-planner-catalogue-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  try {
    return { catalogue: loadCatalogue({ root }), cleanup: () => rmSync(root, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
