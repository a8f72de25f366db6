/** Reads the small shape every remediate and rollback script emits (runbooks ACTION_OUTPUT_SCHEMA). */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';

export interface ActionOutput {
  changed: boolean;
  actions: string[];
  before?: Record<string, unknown>;
  blocked?: string;
}

export function readActionOutput(value: unknown, what: string): ActionOutput {
  const o = value as Record<string, unknown> | null;
  const ok =
    o !== null &&
    typeof o === 'object' &&
    typeof o.changed === 'boolean' &&
    Array.isArray(o.actions) &&
    o.actions.every((a) => typeof a === 'string') &&
    (o.before === undefined || (typeof o.before === 'object' && o.before !== null && !Array.isArray(o.before))) &&
    (o.blocked === undefined || typeof o.blocked === 'string');
  if (!ok) {
    // The change may or may not have happened; failing closed leaves the finding open for a human.
    throw ApplicationFailure.create({ type: FailureType.ScriptError, nonRetryable: true, message: `${what} emitted ${JSON.stringify(value)?.slice(0, 200)}, not { changed, actions[, before, blocked] }` });
  }
  return {
    changed: o.changed as boolean,
    actions: o.actions as string[],
    ...(o.before !== undefined ? { before: o.before as Record<string, unknown> } : {}),
    ...(o.blocked !== undefined ? { blocked: o.blocked as string } : {}),
  };
}
