/**
 * The lab's runbook handler API (lab/README.md). A handler stands in for one phase of one runbook version: it reads
 * and mutates the host state and returns exactly the JSON the real script emits.
 */
import type { ScriptPhase } from '@custos/winrm';
import type { HostKind, HostState } from '../state/host-state.js';

export interface HandlerContext {
  /** This host's state; mutate it to apply a change. Saved only if the handler returns normally. */
  state: HostState;
  /** Decoded JSON params, exactly what the script sees as $Params. */
  params: unknown;
  host: { name: string; kind: HostKind };
  /** The lab clock. */
  now: Date;
}

export type ScriptHandler = (ctx: HandlerContext) => unknown;

export interface RunbookHandlers {
  runbook: string;
  version: number;
  phases: Partial<Record<ScriptPhase, ScriptHandler>>;
}

/** Where the real script would fail to run (module missing, access denied, bad parameter): stderr + exit code. */
export class ScriptFailure extends Error {
  override readonly name = 'ScriptFailure';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    if (!Number.isInteger(exitCode) || exitCode === 0) throw new RangeError('ScriptFailure exit code must be a non-zero integer');
  }
}

export function defineHandlers(runbook: string, version: number, phases: Partial<Record<ScriptPhase, ScriptHandler>>): RunbookHandlers {
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`handlers for ${runbook}: version must be a positive integer`);
  return { runbook, version, phases };
}

export class HandlerRegistry {
  private readonly byKey = new Map<string, ScriptHandler>();

  constructor(all: readonly RunbookHandlers[]) {
    for (const h of all) {
      for (const [phase, fn] of Object.entries(h.phases)) {
        const key = handlerKey(h.runbook, h.version, phase as ScriptPhase);
        if (this.byKey.has(key)) throw new Error(`lab handlers: ${key} is registered twice`);
        if (fn) this.byKey.set(key, fn);
      }
    }
  }

  find(runbook: string, version: number, phase: ScriptPhase): ScriptHandler | undefined {
    return this.byKey.get(handlerKey(runbook, version, phase));
  }
}

const handlerKey = (runbook: string, version: number, phase: ScriptPhase): string => `${runbook}@${version}/${phase}`;
