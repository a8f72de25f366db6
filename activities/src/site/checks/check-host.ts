/**
 * One host of a scan: a TCP probe from the appliance (short timeout, never Test-NetConnection from a
 * DC), then every enabled check in one WinRS shell — one authenticated session, scripts run back to
 * back. A check that cannot run is an `error` result for that check; only failures of the host or
 * the session make the whole host unreachable or refused.
 */
import { ParamsError, type Catalogue } from '@custos/runbooks';
import { AuthRefusedError, HostUnreachableError, ScriptError, tcpProbe, WinrmTimeoutError, type HostShell } from '@custos/winrm';
import { NoCredentialError } from '../directory/credential-vault.js';
import type { SiteRuntime } from '../site-deps.js';
import type { CheckRef, CheckResult, HostCheckResult, HostRef } from '../types.js';
import { runPhase } from './run-phase.js';

async function runCheck(shell: HostShell, catalogue: Catalogue, check: CheckRef): Promise<CheckResult> {
  const started = Date.now();
  const base = { runbookId: check.runbookId, version: check.version };
  const took = () => Date.now() - started;
  if (!catalogue.runbook(check.runbookId, check.version)) {
    return { ...base, status: 'error', problem: `runbook ${check.runbookId} v${check.version} is not in this appliance's catalogue`, durationMs: 0 };
  }
  let params: Record<string, unknown>;
  try {
    params = catalogue.resolveParams(check.runbookId, check.version, check.params);
  } catch (err) {
    if (err instanceof ParamsError) return { ...base, status: 'error', problem: err.message, durationMs: 0 };
    throw err;
  }
  let output: unknown;
  try {
    output = await runPhase(shell, catalogue, { runbookId: check.runbookId, version: check.version, phase: 'check', params });
  } catch (err) {
    if (err instanceof ScriptError) return { ...base, status: 'error', problem: err.message, durationMs: took() };
    throw err;
  }
  const outcome = catalogue.judge(check.runbookId, check.version, 'check', output, params);
  if (outcome.status === 'invalid') return { ...base, status: 'invalid', output, problem: `output does not fit the runbook's schema: ${outcome.problems.join('; ')}`, durationMs: took() };
  const evidence = catalogue.evidence(check.runbookId, check.version, output);
  return outcome.status === 'pass' ? { ...base, status: 'pass', evidence, durationMs: took() } : { ...base, status: 'fail', output, evidence, durationMs: took() };
}

export async function checkHost(rt: SiteRuntime, host: HostRef & { checks: CheckRef[] }): Promise<HostCheckResult> {
  const result = (reachability: HostCheckResult['reachability'], problem: string): HostCheckResult => ({ hostId: host.hostId, reachability, problem, checks: [] });
  let target;
  try {
    target = await rt.vault.targetFor(host);
  } catch (err) {
    if (err instanceof NoCredentialError) return result('no_credentials', err.message);
    throw err;
  }
  const port = target.port ?? 5985;
  const tcp = await tcpProbe(target.host, port, rt.probeTimeoutMs ?? 1500);
  if (tcp !== 'open') return result('unreachable', `TCP ${target.host}:${port} ${tcp}`);
  try {
    const checks = await rt.winrm.withShell(target, async (shell) => {
      const out: CheckResult[] = [];
      for (const check of host.checks) out.push(await runCheck(shell, rt.catalogue, check));
      return out;
    });
    return { hostId: host.hostId, reachability: 'reachable', checks };
  } catch (err) {
    if (err instanceof AuthRefusedError) return result('auth_refused', err.message);
    if (err instanceof HostUnreachableError || err instanceof WinrmTimeoutError) return result('unreachable', err.message);
    return result('error', (err as Error).message);
  }
}
