/**
 * The checks OpenAI applies to a `response_format: json_schema` with `strict: true` before it will
 * generate (platform.openai.com structured-outputs guide, "supported schemas"): the root is an
 * object, every object lists all its properties as required and forbids additional ones, only a
 * subset of keywords is allowed, and size limits hold. A schema the real API would refuse is
 * refused here with the same kind of message, so a planner that passes these tests will not meet
 * a 400 in production.
 */

const ALLOWED_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'description', 'title', '$defs', 'definitions', '$ref',
  'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const MAX_DEPTH = 10;
const MAX_PROPERTIES = 5000;
const MAX_ENUM_VALUES = 1000;

export class StrictSchemaError extends Error {
  override readonly name = 'StrictSchemaError';
}

type Json = Record<string, unknown>;

function where(path: readonly string[]): string {
  return `In context=(${path.map((p) => `'${p}'`).join(', ')})`;
}

export function checkStrictSchema(name: string, schema: unknown): void {
  const state = { properties: 0 };
  const fail = (path: readonly string[], message: string): never => {
    throw new StrictSchemaError(`Invalid schema for response_format '${name}': ${where(path)}, ${message}`);
  };
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) fail([], 'schema must be a JSON Schema object.');
  const root = schema as Json;
  if ('anyOf' in root) fail([], "'anyOf' is not permitted at the root; the root schema must be an object.");
  if (root.type !== 'object') fail([], "the root schema must be of type 'object'.");

  const visit = (node: unknown, path: string[], depth: number): void => {
    if (depth > MAX_DEPTH) fail(path, `nesting exceeds the maximum depth of ${MAX_DEPTH}.`);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) fail(path, 'schema must be a JSON Schema object.');
    const s = node as Json;
    for (const key of Object.keys(s)) if (!ALLOWED_KEYWORDS.has(key)) fail(path, `'${key}' is not permitted.`);
    if ('$ref' in s) return;
    const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    for (const t of types) if (typeof t !== 'string' || !TYPES.has(t)) fail(path, `type '${String(t)}' is not supported.`);
    if (s.type === undefined && s.anyOf === undefined && s.enum === undefined && s.const === undefined) fail(path, "schema must have a 'type' key.");
    if (Array.isArray(s.enum) && s.enum.length > MAX_ENUM_VALUES) fail(path, `enum has more than ${MAX_ENUM_VALUES} values.`);
    if (types.includes('object')) {
      const props = (s.properties ?? {}) as Json;
      if (s.additionalProperties !== false) fail(path, "'additionalProperties' is required to be supplied and to be false.");
      const required = Array.isArray(s.required) ? (s.required as unknown[]) : undefined;
      const missing = Object.keys(props).filter((k) => !required?.includes(k));
      if (!required || missing.length > 0) {
        fail(path, `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0] ?? ''}'.`);
      }
      for (const r of required!) if (typeof r !== 'string' || !(r in props)) fail(path, `'required' names '${String(r)}', which is not in properties.`);
      state.properties += Object.keys(props).length;
      if (state.properties > MAX_PROPERTIES) fail(path, `a schema may have at most ${MAX_PROPERTIES} object properties in total.`);
      for (const [k, v] of Object.entries(props)) visit(v, [...path, 'properties', k], depth + 1);
    }
    if (types.includes('array')) {
      if (s.items === undefined) fail(path, "array schemas must have 'items'.");
      visit(s.items, [...path, 'items'], depth + 1);
    }
    if (s.anyOf !== undefined) {
      if (!Array.isArray(s.anyOf) || s.anyOf.length === 0) fail(path, "'anyOf' must be a non-empty array.");
      (s.anyOf as unknown[]).forEach((branch, i) => visit(branch, [...path, 'anyOf', String(i)], depth + 1));
    }
    for (const defs of ['$defs', 'definitions'] as const) {
      if (s[defs] !== undefined) for (const [k, v] of Object.entries(s[defs] as Json)) visit(v, [...path, defs, k], depth + 1);
    }
  };
  visit(root, [], 1);
}
