/**
 * Handlers for the catalogue's registry-policy runbooks: each setting is one registry value with a
 * desired value and a "needs change" test. The handlers mirror the scripts' shape exactly — the
 * check emits one field per value (null when absent), remediate sets each value that needs it and
 * emits `before`, rollback restores `before`.
 */
import type { HandlerContext } from '../scripts/handler.js';
import { defineHandlers } from '../scripts/handler.js';
import type { HostKind, HostState } from '../state/host-state.js';
import { dword, getRegistryValue, removeRegistryValue, setRegistryValue, sz } from '../state/registry.js';
import { defineCase, type CycleOutcome, type LabRunbookCase } from './case.js';
import { registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { beforeParam, done, intParam, stringParam } from './support.js';

type Current = number | string | null;

/** When the remediate script changes a value (the PowerShell condition it uses, as data). */
export type BadRule =
  | readonly ['ne', number]
  | readonly ['lt', number]
  | readonly ['notin', readonly number[]]
  | readonly ['outside', number, string]
  | readonly ['present_ne', number]
  | readonly ['blank'];

export type Desired = number | { readonly param: string } | { readonly stringParam: string };

export interface RegistrySetting {
  readonly field: string;
  /** As the script writes it: `HKLM:\...`. */
  readonly path: string;
  readonly name: string;
  readonly type: 'dword' | 'sz';
  readonly output: boolean;
  readonly bad?: BadRule;
  readonly desired?: Desired;
}

export interface RegistryPolicySpec {
  readonly runbook: string;
  readonly version: number;
  readonly settings: readonly RegistrySetting[];
  readonly remediate: boolean;
  readonly rollback: boolean;
  readonly cycle: Partial<Record<HostKind, CycleOutcome>>;
  /** Values that make the check fail: [path, name, value or null to remove]. */
  readonly drift: readonly (readonly [string, string, number | string | null])[];
}

function read(state: HostState, s: RegistrySetting): Current {
  const v = getRegistryValue(state, s.path, s.name);
  if (!v) return null;
  if (s.type === 'sz') return Array.isArray(v.value) ? v.value.join(' ') : String(v.value);
  return typeof v.value === 'number' ? v.value : Number(v.value);
}

function needsChange(rule: BadRule, current: Current, ctx: HandlerContext): boolean {
  switch (rule[0]) {
    case 'ne':
      return current !== rule[1];
    case 'lt':
      return current === null || (current as number) < rule[1];
    case 'notin':
      return current === null || !rule[1].includes(current as number);
    case 'outside':
      return current === null || (current as number) < rule[1] || (current as number) > intParam(ctx, rule[2]);
    case 'present_ne':
      return current !== null && current !== rule[1];
    case 'blank':
      return current === null || String(current).trim() === '';
  }
}

function desiredValue(d: Desired | undefined, ctx: HandlerContext): number | string {
  if (d === undefined) throw new Error('registry setting without a desired value');
  if (typeof d === 'number') return d;
  return 'param' in d ? intParam(ctx, d.param) : stringParam(ctx, d.stringParam);
}

function write(state: HostState, s: RegistrySetting, value: number | string): void {
  setRegistryValue(state, s.path, s.name, s.type === 'sz' ? sz(String(value)) : dword(Number(value)));
}

export function registryPolicyCase(spec: RegistryPolicySpec): LabRunbookCase {
  const outputs = spec.settings.filter((s) => s.output);
  const changing = spec.settings.filter((s) => s.bad !== undefined);
  const check = (ctx: HandlerContext) => {
    factsOf(ctx.state, ctx.now);
    return Object.fromEntries(outputs.map((s) => [s.field, read(ctx.state, s)]));
  };
  const remediate = (ctx: HandlerContext) => {
    factsOf(ctx.state, ctx.now);
    const actions: string[] = [];
    const before = Object.fromEntries(changing.map((s) => [s.field, read(ctx.state, s)]));
    for (const s of changing) {
      if (needsChange(s.bad!, before[s.field] as Current, ctx)) {
        const value = desiredValue(s.desired, ctx);
        write(ctx.state, s, value);
        actions.push(`${s.path}\\${s.name} set to ${value}`);
      }
    }
    return done(actions, { before });
  };
  const rollback = (ctx: HandlerContext) => {
    const actions: string[] = [];
    const before = beforeParam(ctx);
    for (const s of changing) {
      const old = (before[s.field] ?? null) as Current;
      const now = read(ctx.state, s);
      if (old === null && now !== null) {
        removeRegistryValue(ctx.state, s.path, s.name);
        actions.push(`${s.path}\\${s.name} removed (Windows default)`);
      } else if (old !== null && now !== (s.type === 'sz' ? String(old) : Number(old))) {
        write(ctx.state, s, old);
        actions.push(`${s.path}\\${s.name} restored to ${old}`);
      }
    }
    return done(actions);
  };
  return defineCase({
    handlers: defineHandlers(spec.runbook, spec.version, {
      check,
      verify: check,
      ...(spec.remediate ? { remediate } : {}),
      ...(spec.rollback ? { rollback } : {}),
    }),
    cycle: spec.cycle,
    drift: (state) =>
      spec.drift.flatMap(([path, name, value]) => {
        const type = spec.settings.find((s) => s.path === path && s.name === name)?.type ?? 'dword';
        return registryPatch(state, path, name, value === null ? null : type === 'sz' ? sz(String(value)) : dword(Number(value)));
      }),
  });
}
