/**
 * Parameters are data: a JSON object, base64-encoded, sent as the third stdin line and decoded inside PowerShell
 * with ConvertFrom-Json. Nothing from params is ever spliced into script text. This module only checks that the
 * value survives JSON faithfully (no undefined, functions, BigInt, NaN) and is a plain object.
 */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };
export type ScriptParams = { [key: string]: ParamValue };

export class ParamsError extends Error {
  override readonly name = 'ParamsError';
}

/** Upper bound for the encoded params: far above any real use, well below memory trouble. */
export const MAX_PARAMS_BYTES = 16 * 1024 * 1024;

function check(value: unknown, path: string, depth: number): void {
  if (depth > 8) throw new ParamsError(`params${path}: nested deeper than 8 levels (ConvertTo-Json -Depth 8 on the way back)`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ParamsError(`params${path}: ${value} cannot be represented in JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, `${path}[${i}]`, depth + 1));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) check(v, `${path}.${k}`, depth + 1);
    return;
  }
  throw new ParamsError(`params${path}: ${typeof value === 'object' ? 'non-plain object' : typeof value} is not JSON data`);
}

export function encodeParams(params: unknown): string {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new ParamsError('params must be a JSON object');
  check(params, '', 0);
  const json = JSON.stringify(params);
  if (json.length > MAX_PARAMS_BYTES) throw new ParamsError(`params are ${json.length} bytes of JSON, more than ${MAX_PARAMS_BYTES}`);
  return json;
}
