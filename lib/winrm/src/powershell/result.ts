/** Finds the one `@@R@@<base64 JSON>@@E@@` line that `Emit` writes (convention 2) and decodes it. */
export const RESULT_PATTERN = /@@R@@([A-Za-z0-9+/=]*)@@E@@/g;

export type EmitResult = { ok: true; value: unknown } | { ok: false; problem: string };

export function readEmitted(stdout: string): EmitResult {
  const matches = [...stdout.matchAll(RESULT_PATTERN)];
  if (matches.length === 0) return { ok: false, problem: 'the script exited 0 without calling Emit' };
  if (matches.length > 1) return { ok: false, problem: `the script called Emit ${matches.length} times (convention: exactly once)` };
  const json = Buffer.from(matches[0]?.[1] ?? '', 'base64').toString('utf8');
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, problem: `Emit wrote base64 that is not JSON: ${json.slice(0, 200)}` };
  }
}

/** How the lab (and tests) write an Emit line, byte-compatible with the bootstrap's Emit. */
export const formatEmitted = (value: unknown): string => `@@R@@${Buffer.from(JSON.stringify(value), 'utf8').toString('base64')}@@E@@\r\n`;
