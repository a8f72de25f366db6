/**
 * Every runbook through its lab cycle over real WinRM (NTLM with message encryption): a fresh host
 * of each kind the runbook targets is checked, drifted until the check fails, and then
 *  - auto / approval runbooks: remediated (with what an approver would supply), remediated again to
 *    prove idempotence, verified, rolled back where the runbook has a rollback (the check fails
 *    again) and healed once more — or, where the fix cannot apply on that host, reported as blocked;
 *  - alert-only runbooks: nothing can run (the lab refuses any remediate script) and the check keeps
 *    failing.
 * L1 decides each drifted finding as the rules say: run_runbook only for auto runbooks that heal on
 * that host, escalate otherwise. Every output must fit the runbook's output schema (check/verify) or
 * the shared action schema (remediate/rollback).
 */
import { compileL1Rules, decideL1 } from '@custos/core';
import { startLabSite, type LabSiteHandle } from '@custos/testkit';
import { ScriptError, WinrmClient, type ScriptPhase } from '@custos/winrm';
import Ajv2020Module from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The lab keeps each runbook's handlers and drift next to its other handlers; this test drives them.
import { RUNBOOK_LAB_CASES } from '../../lab/src/runbooks/index.js';
import type { HostKind as LabKind } from '../../lab/src/state/host-state.js';
import { ACTION_OUTPUT_SCHEMA, healMode, loadCatalogue, type HostKind, type Runbook } from '../src/index.js';

const catalogue = loadCatalogue();
const ruleSet = compileL1Rules(catalogue.rules.map((e) => e.rule));
const validateAction = new Ajv2020Module.default({ allErrors: true }).compile(ACTION_OUTPUT_SCHEMA);
const LAB_KIND: Record<HostKind, LabKind> = { domain_controller: 'dc', server: 'server', workstation: 'workstation' };
const CATALOGUE_KIND: Record<LabKind, HostKind> = { dc: 'domain_controller', server: 'server', workstation: 'workstation' };

let lab: LabSiteHandle;
const client = new WinrmClient();
const hostOfKind = new Map<LabKind, string>();

beforeAll(async () => {
  lab = await startLabSite({ hosts: 3, kinds: ['dc', 'server', 'workstation'], seed: 4 });
  for (const h of lab.hosts) hostOfKind.set(h.kind, h.name);
});

afterAll(async () => {
  client.close();
  await lab?.stop();
});

type Json = Record<string, unknown>;

async function run(runbook: Runbook, host: string, phase: ScriptPhase, params: Json): Promise<Json> {
  const script = catalogue.script(runbook.id, runbook.version, phase);
  if (!script) throw new Error(`${runbook.id} has no ${phase} script`);
  const out = await client.runScript(lab.target(host), { header: { runbook: runbook.id, version: runbook.version, phase }, script: script.body, params: params as never });
  return out.result as Json;
}

function expectAction(runbook: Runbook, phase: string, result: Json): void {
  expect(validateAction(result), `${runbook.id} ${phase} output ${JSON.stringify(validateAction.errors)}`).toBe(true);
}

async function cycle(runbook: Runbook, kind: LabKind): Promise<void> {
  const c = RUNBOOK_LAB_CASES.get(runbook.id)!;
  const outcome = c.cycle[kind]!;
  const host = hostOfKind.get(kind)!;
  const where = `${runbook.id} on ${host}`;
  const checkParams = catalogue.resolveParams(runbook.id, runbook.version, {});
  const fixParams = catalogue.resolveParams(runbook.id, runbook.version, c.approvedParams ?? {});
  const judge = (phase: 'check' | 'verify', output: Json) => catalogue.judge(runbook.id, runbook.version, phase, output, checkParams);

  lab.site.resetState(host);
  const baseline = await run(runbook, host, 'check', checkParams);
  expect(judge('check', baseline).status, `${where}: baseline output fits the schema`).not.toBe('invalid');
  const body = catalogue.script(runbook.id, runbook.version, 'check')!.body;
  for (const key of Object.keys(baseline)) expect(body, `${where}: the check script emits "${key}"`).toContain(key);

  lab.site.patchState(host, c.drift(lab.site.state(host)));
  const drifted = await run(runbook, host, 'check', checkParams);
  expect(judge('check', drifted), `${where}: check after drift ${JSON.stringify(drifted)}`).toEqual({ status: 'fail' });

  const decision = decideL1(ruleSet, { runbookId: runbook.id, runbookVersion: runbook.version, hostId: host, hostKind: CATALOGUE_KIND[kind], status: 'fail', output: drifted }, new Map(), Date.now());
  const unattended = healMode(runbook) === 'auto' && outcome === 'heals';
  expect(decision.kind, `${where}: L1 decision`).toBe(unattended ? 'run_runbook' : 'escalate');

  if (outcome === 'reports') {
    expect(runbook.alertOnly).toBe(true);
    const refused = await client
      .runScript(lab.target(host), { header: { runbook: runbook.id, version: runbook.version, phase: 'remediate' }, script: body, params: {} })
      .then(() => undefined, (e: unknown) => e);
    expect(refused, `${where}: no remediate script exists`).toBeInstanceOf(ScriptError);
    expect((refused as ScriptError).stderr).toContain('is not in the script catalogue');
    expect(judge('check', await run(runbook, host, 'check', checkParams)).status).toBe('fail');
    return;
  }

  const appsBefore = lab.site.applications(host).length;
  const fixed = await run(runbook, host, 'remediate', fixParams);
  expectAction(runbook, 'remediate', fixed);
  expect(lab.site.applications(host).length).toBe(appsBefore + 1);
  if (outcome === 'blocked') {
    expect(fixed, `${where}: remediation reports why it cannot apply`).toMatchObject({ changed: false, actions: [], blocked: expect.any(String) });
    expect(judge('verify', await run(runbook, host, 'verify', checkParams)).status, `${where}: still failing`).toBe('fail');
    return;
  }
  expect(fixed.changed, `${where}: remediation changed something ${JSON.stringify(fixed)}`).toBe(true);
  const again = await run(runbook, host, 'remediate', fixParams);
  expectAction(runbook, 'remediate', again);
  expect(again, `${where}: a second remediation has nothing to do`).toMatchObject({ changed: false, actions: [] });
  const verified = await run(runbook, host, 'verify', checkParams);
  expect(judge('verify', verified), `${where}: verify ${JSON.stringify(verified)}`).toEqual({ status: 'pass' });

  if (runbook.rollback) {
    const rollbackParams = catalogue.resolveParams(runbook.id, runbook.version, { ...(c.approvedParams ?? {}), before: fixed.before }, 'rollback');
    const undone = await run(runbook, host, 'rollback', rollbackParams);
    expectAction(runbook, 'rollback', undone);
    expect(undone.changed, `${where}: rollback restored the previous state`).toBe(true);
    expect(judge('check', await run(runbook, host, 'check', checkParams)).status, `${where}: check fails again after rollback`).toBe('fail');
    await run(runbook, host, 'remediate', fixParams);
    expect(judge('verify', await run(runbook, host, 'verify', checkParams)).status).toBe('pass');
  }
}

describe('runbook lab cycles over WinRM', () => {
  it('has lab semantics for every runbook, on every host kind it targets, with the phases it declares', () => {
    const problems: string[] = [];
    for (const r of catalogue.runbooks) {
      const c = RUNBOOK_LAB_CASES.get(r.id);
      if (!c) {
        problems.push(`${r.id}: no lab case`);
        continue;
      }
      if (c.handlers.version !== r.version) problems.push(`${r.id}: handlers for v${c.handlers.version}, catalogue v${r.version}`);
      const kinds = Object.keys(c.cycle).sort();
      const want = r.hostKinds.map((k) => LAB_KIND[k]).sort();
      if (JSON.stringify(kinds) !== JSON.stringify(want)) problems.push(`${r.id}: cycle kinds ${kinds.join(',')} but host kinds ${want.join(',')}`);
      for (const phase of ['check', 'verify', 'remediate', 'rollback'] as const) {
        const has = catalogue.script(r.id, r.version, phase) !== undefined;
        if (has !== (c.handlers.phases[phase] !== undefined)) problems.push(`${r.id}: ${phase} is ${has ? '' : 'not '}in the catalogue but ${has ? 'has no' : 'has a'} handler`);
      }
      if (r.alertOnly !== Object.values(c.cycle).every((o) => o === 'reports')) problems.push(`${r.id}: alert-only ${r.alertOnly} but cycle outcomes ${Object.values(c.cycle).join(',')}`);
    }
    expect(problems).toEqual([]);
    expect(RUNBOOK_LAB_CASES.size).toBe(catalogue.runbooks.length);
  });

  for (const runbook of catalogue.runbooks) {
    it(`${runbook.id} (${healMode(runbook)})`, async () => {
      const c = RUNBOOK_LAB_CASES.get(runbook.id);
      expect(c, `${runbook.id} has a lab case`).toBeDefined();
      for (const kind of Object.keys(c!.cycle) as LabKind[]) await cycle(runbook, kind);
    });
  }
});
