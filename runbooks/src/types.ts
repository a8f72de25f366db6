/** The catalogue's data model, as loaded and validated from runbooks/. */
import type { L1Rule, PassRule } from '@custos/core';

/** Same values as the hosts table (lib/db HostRole). */
export const HOST_KINDS = ['domain_controller', 'server', 'workstation'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

export const PHASES = ['check', 'remediate', 'verify', 'rollback'] as const;
export type Phase = (typeof PHASES)[number];

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const FRAMEWORKS = ['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export type JsonSchema = Readonly<Record<string, unknown>>;

/** A parameter: a JSON Schema with a description and a default. */
export interface ParamSpec extends JsonSchema {
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  readonly description: string;
  readonly default: unknown;
}

export interface CheckPhase {
  readonly script: string;
  readonly output: JsonSchema;
  readonly pass: PassRule;
  readonly timeoutSeconds?: number;
}

export interface ActionPhase {
  readonly script: string;
  readonly timeoutSeconds?: number;
}

export type ControlMappings = Partial<Record<Framework, readonly string[]>> & { readonly cisBenchmark?: readonly string[] };

export interface Runbook {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly notes?: string;
  readonly platform: 'windows';
  readonly hostKinds: readonly HostKind[];
  readonly category: string;
  readonly severity: Severity;
  readonly alertOnly: boolean;
  readonly disruptive: boolean;
  readonly requiresApproval: boolean;
  readonly maintenanceWindow: boolean;
  readonly requiresReboot: boolean;
  readonly timeoutSeconds: number;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly check: CheckPhase;
  readonly remediate?: ActionPhase;
  /** When absent, verify re-runs the check (same script, output schema and pass rule). */
  readonly verify?: Partial<CheckPhase> & { readonly script: string };
  readonly rollback?: ActionPhase;
  readonly evidence: readonly string[];
  readonly controls: ControlMappings;
}

/** How a failing check is healed, derived from the flags. */
export type HealMode = 'auto' | 'approval' | 'alert-only';

export function healMode(r: Pick<Runbook, 'alertOnly' | 'requiresApproval'>): HealMode {
  return r.alertOnly ? 'alert-only' : r.requiresApproval ? 'approval' : 'auto';
}

export type EvidenceStatus = 'automated' | 'partial' | 'manual';

export interface Control {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly parent?: string;
  readonly requirement?: 'required' | 'addressable';
  readonly evidence?: EvidenceStatus;
  readonly how?: string;
  readonly manualTask?: string;
  readonly nprm2025?: string;
  readonly ig?: number;
  readonly text?: string;
}

export interface ControlCatalogue {
  readonly framework: Framework;
  readonly title: string;
  readonly edition: string;
  readonly source: string;
  readonly scope?: string;
  readonly controls: readonly Control[];
}

export interface RuleFileEntry {
  readonly file: string;
  readonly rule: L1Rule;
}
