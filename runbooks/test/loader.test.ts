import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueError, loadCatalogue, ParamsError, sha256Hex, type CatalogueProblem } from '../src/index.js';
import { baseFiles, RUNBOOK, writeFixture, type FixtureFiles } from './fixture-catalogue.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function load(files: FixtureFiles) {
  const { root, cleanup } = writeFixture(files);
  cleanups.push(cleanup);
  return loadCatalogue({ root });
}

function problemsOf(files: FixtureFiles): CatalogueProblem[] {
  try {
    load(files);
  } catch (err) {
    if (err instanceof CatalogueError) return [...err.problems];
    throw err;
  }
  throw new Error('expected the catalogue to be refused');
}

const short = (p: CatalogueProblem) => `${p.file}:${p.line} ${p.field}`;

describe('catalogue loader', () => {
  it('loads a valid catalogue with scripts, params, judging and rules', () => {
    const c = load(baseFiles());
    expect(c.runbooks.map((r) => r.id)).toEqual(['RB-WIN-TEST-001']);
    const check = c.script('RB-WIN-TEST-001', 2, 'check')!;
    expect(check.body.startsWith('param($Params)\n$v = 3\n')).toBe(true);
    expect(check.sha256).toBe(sha256Hex(check.body));
    expect(c.script('RB-WIN-TEST-001', 2, 'verify')).toEqual({ ...check, phase: 'verify' });
    expect(c.script('RB-WIN-TEST-001', 2, 'rollback')).toBeUndefined();
    expect(c.script('RB-WIN-TEST-001', 1, 'check')).toBeUndefined();
    expect(c.resolveParams('RB-WIN-TEST-001', 2, {})).toEqual({ maxValue: 5 });
    expect(() => c.resolveParams('RB-WIN-TEST-001', 2, { maxValue: -1, extra: 1 })).toThrow(ParamsError);
    expect(c.judge('RB-WIN-TEST-001', 2, 'check', { value: 3, limit: 5 }, { maxValue: 5 })).toEqual({ status: 'pass' });
    expect(c.judge('RB-WIN-TEST-001', 2, 'check', { value: 3, limit: 5 }, { maxValue: 2 })).toEqual({ status: 'fail' });
    expect(c.judge('RB-WIN-TEST-001', 2, 'verify', { value: '3' }, { maxValue: 5 }).status).toBe('invalid');
    expect(c.evidence('RB-WIN-TEST-001', 2, { value: 3, limit: 5 })).toEqual({ value: 3 });
    expect(c.ruleSet.size).toBe(1);
    expect(c.controlIndex.get('hipaa')?.get('164.312(b)')).toEqual(['RB-WIN-TEST-001']);
  });

  it('reports YAML syntax errors with their line', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-001.yaml'] = RUNBOOK.replace('severity: low', 'severity: low\n  oops: [1');
    const problems = problemsOf(files);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file === 'windows/RB-WIN-TEST-001.yaml' && p.line >= 8 && p.message.startsWith('YAML:'))).toBe(true);
    expect(problems[0]!.line).toBe(8);
  });

  it('points schema errors at the field, unknown keys at the key', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-001.yaml'] = RUNBOOK.replace('severity: low', 'severity: urgent').replace('timeoutSeconds: 60', 'timeoutSeconds: 60\nretries: 3');
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual([
      'windows/RB-WIN-TEST-001.yaml:8 severity must be one of: "low", "medium", "high", "critical"',
      'windows/RB-WIN-TEST-001.yaml:15 retries unknown field',
    ]);
  });

  it('cross-checks a runbook: remediate, pass rule, evidence, params used by scripts, controls', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-001.yaml'] = RUNBOOK.replace('pass: { path: value, op: lte, param: maxValue }', 'pass: { path: valu, op: lte, param: maxValue }')
      .replace('evidence: [value]', 'evidence: [value, missing.field]')
      .replace('limit = [int]$Params.maxValue', 'limit = [int]$Params.MaxValue + $Params.other')
      .replace("hipaa: ['164.312(b)']", "hipaa: ['164.312(b)', '164.312(z)']");
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual([
      'windows/RB-WIN-TEST-001.yaml:25 check.script $Params.MaxValue differs in case from the declared parameter "maxValue"',
      'windows/RB-WIN-TEST-001.yaml:25 check.script $Params.other is not a declared parameter',
      'windows/RB-WIN-TEST-001.yaml:33 check.pass pass rule reads "valu", which the output schema does not define',
      'windows/RB-WIN-TEST-001.yaml:39 evidence.1 evidence field "missing.field" is not in the check output schema',
      'windows/RB-WIN-TEST-001.yaml:41 controls.hipaa.1 hipaa control "164.312(z)" is not in controls/hipaa.yaml',
    ]);
  });

  it('refuses inconsistent healing flags', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-001.yaml'] = RUNBOOK.replace('disruptive: false', 'disruptive: true').replace(/remediate:\n(.*\n){4}/, '');
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual(
      expect.arrayContaining([
        'windows/RB-WIN-TEST-001.yaml:9 alertOnly remediate is required unless alertOnly is true',
        'windows/RB-WIN-TEST-001.yaml:11 requiresApproval a disruptive runbook must require approval',
      ]),
    );
  });

  it('cross-checks rules against the runbooks they name', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-001.yaml'] = RUNBOOK.replace('requiresApproval: false', 'requiresApproval: true');
    files['rules/test.yaml'] = files['rules/test.yaml']!.replace('output.value', 'output.valeu').replace('maxValue: 4', 'maxValue: -4');
    files['rules/more.yaml'] = `rules:
  - id: L1-WIN-OTHER-001
    description: Points at a runbook that does not exist.
    enabled: true
    priority: 10
    cooldownSeconds: 60
    match: [{ path: runbookId, op: eq, value: RB-WIN-NOPE-001 }, { path: detail, op: exists, value: true }]
    action: { kind: escalate, priority: high, reason: nobody knows this runbook }
    provenance: { source: hand-written, author: test, since: '2026-11-27' }
`;
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual([
      'rules/more.yaml:7 rules.0.match matches runbook RB-WIN-NOPE-001, which is not in the catalogue',
      'rules/more.yaml:7 rules.0.match.1.path findings have no field "detail" (fields: runbookId, runbookVersion, hostId, hostKind, siteId, severity, status, output, attempt)',
      'rules/test.yaml:9 rules.0.match.1.path RB-WIN-TEST-001 output has no field "valeu"',
      'rules/test.yaml:10 rules.0.action.runbook RB-WIN-TEST-001 requires approval, so L1 may not run it; escalate instead',
      'rules/test.yaml:10 rules.0.action.params invalid params for RB-WIN-TEST-001: maxValue: must be >= 0',
    ]);
  });

  it('maps rule semantics errors from the core compiler to lines', () => {
    const files = baseFiles();
    files['rules/test.yaml'] = files['rules/test.yaml']!.replace('{ path: output.value, op: gt, value: 5 }', "{ path: output.value, op: regex, value: '(' }")
      .replace('action: { kind: run_runbook, runbook: RB-WIN-TEST-001', 'action: { kind: run_runbook, runbook: RB-WIN-OTHER-001');
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual([
      expect.stringMatching(/^rules\/test.yaml:9 rules.0.match.1.value invalid regex/),
      'rules/test.yaml:10 rules.0.action.runbook runs RB-WIN-OTHER-001 but matches findings of RB-WIN-TEST-001; a rule heals the runbook it matched',
    ]);
  });

  it('fails as a whole, listing problems from every bad file', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-002.yaml'] = RUNBOOK.replace('version: 2', 'version: 0').replace('id: RB-WIN-TEST-001', 'id: RB-WIN-TEST-002');
    files['windows/notes.yml'] = 'x: 1\n';
    files['controls/hipaa.yaml'] = files['controls/hipaa.yaml']!.replace('evidence: manual', 'evidence: maybe');
    const problems = problemsOf(files);
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(['controls/hipaa.yaml', 'windows/RB-WIN-TEST-002.yaml', 'windows/notes.yml']));
    expect(problems.find((p) => p.file === 'windows/RB-WIN-TEST-002.yaml')?.field).toBe('version');
  });

  it('refuses duplicate ids and misnamed files', () => {
    const files = baseFiles();
    files['windows/RB-WIN-TEST-009.yaml'] = RUNBOOK;
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual([
      'windows/RB-WIN-TEST-009.yaml:1 id duplicate runbook id RB-WIN-TEST-001 (also in windows/RB-WIN-TEST-001.yaml)',
    ]);
  });

  it('requires an evidence status for every HIPAA item', () => {
    const files = baseFiles();
    files['controls/hipaa.yaml'] = files['controls/hipaa.yaml']!.replace('    evidence: manual\n', '').replace('    manualTask: Attest how people are authenticated.\n', '');
    expect(problemsOf(files).map((p) => `${short(p)} ${p.message}`)).toEqual([
      'controls/hipaa.yaml:12 controls.1.evidence every HIPAA item states how it is evidenced: automated, partial or manual',
    ]);
  });
});
