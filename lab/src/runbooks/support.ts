/**
 * Small helpers for runbook handlers: reading $Params the way the scripts cast them, the standard
 * remediation result, services, dates. A handler mirrors its script line for line; these keep the
 * mirrors short.
 */
import { ScriptFailure, type HandlerContext } from '../scripts/handler.js';
import type { HostState, ServiceState } from '../state/host-state.js';

const params = (ctx: HandlerContext): Record<string, unknown> => (ctx.params && typeof ctx.params === 'object' ? (ctx.params as Record<string, unknown>) : {});

/** `[int]$Params.<name>`: PowerShell converts numbers and numeric strings; anything else fails the script. */
export function intParam(ctx: HandlerContext, name: string): number {
  const v = params(ctx)[name];
  if (v === undefined || v === null) return 0;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new ScriptFailure(`Cannot convert value "${String(v)}" to type "System.Int32". Error: "Input string was not in a correct format."`);
  return Math.round(n);
}

/** `[string]$Params.<name>`. */
export function stringParam(ctx: HandlerContext, name: string): string {
  const v = params(ctx)[name];
  return v === undefined || v === null ? '' : String(v);
}

/** `@($Params.<name>)`: a list, a single value as a one-item list, nothing as empty. */
export function listParam(ctx: HandlerContext, name: string): unknown[] {
  const v = params(ctx)[name];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

export function boolParam(ctx: HandlerContext, name: string): boolean {
  return Boolean(params(ctx)[name]);
}

/** `$Params.before` as the rollback script reads it. */
export function beforeParam(ctx: HandlerContext): Record<string, unknown> {
  const b = params(ctx).before;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

/** The standard remediate/rollback output: `{ changed, actions }` plus extras such as `before`. */
export function done(actions: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { changed: actions.length > 0, actions, ...extra };
}

export function blocked(reason: string): Record<string, unknown> {
  return { changed: false, actions: [], blocked: reason };
}

export function service(state: HostState, name: string): ServiceState | undefined {
  const key = Object.keys(state.services).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : state.services[key];
}

/** Get-Service with -ErrorAction Stop: a missing service fails the script as on Windows. */
export function requireService(state: HostState, name: string): ServiceState {
  const s = service(state, name);
  if (!s) throw new ScriptFailure(`Get-Service : Cannot find any service with service name '${name}'.`);
  return s;
}

export const isDomainController = (state: HostState): boolean => state.kind === 'dc';

export const iso = (d: Date): string => d.toISOString();

export const daysSince = (now: Date, then: string | Date): number => Math.floor((now.getTime() - new Date(then).getTime()) / 86_400_000);
export const hoursSince = (now: Date, then: string | Date): number => Math.floor((now.getTime() - new Date(then).getTime()) / 3_600_000);
