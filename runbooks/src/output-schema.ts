/**
 * What scripts emit. A check/verify emits the object its runbook's output schema describes; every
 * remediate and rollback emits the same small shape, so the healer can tell "changed", "nothing to
 * do" and "could not apply here" apart and a second remediate run can prove idempotence.
 */
import type { JsonSchema } from './types.js';

export const ACTION_OUTPUT_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['changed', 'actions'],
  properties: {
    changed: { type: 'boolean', description: 'True when the script changed anything.' },
    actions: { type: 'array', items: { type: 'string' }, description: 'What was done, one sentence each.' },
    before: { type: 'object', description: 'State before the change; handed to rollback.' },
    blocked: { type: 'string', description: 'Why the fix cannot be applied on this host (for example, the setting is domain-managed).' },
  },
};

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

/** True when a dot path can exist in objects valid under `schema` (properties, items, additionalProperties). */
export function schemaHasPath(schema: JsonSchema, path: string): boolean {
  let current: JsonSchema | undefined = schema;
  for (const segment of path.split('.')) {
    if (!current) return false;
    const props = current.properties as Record<string, JsonSchema> | undefined;
    const types = typesOf(current);
    if (props && Object.prototype.hasOwnProperty.call(props, segment)) {
      current = props[segment];
    } else if (/^(0|[1-9][0-9]*)$/.test(segment) && types.includes('array') && current.items && typeof current.items === 'object') {
      current = current.items as JsonSchema;
    } else if (current.additionalProperties && typeof current.additionalProperties === 'object') {
      current = current.additionalProperties as JsonSchema;
    } else {
      return false;
    }
  }
  return true;
}
