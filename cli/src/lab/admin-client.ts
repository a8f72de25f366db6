/** Talks to a running lab site's admin API (found from --admin or the state dir's site.json). */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export function adminUrlFromStateDir(stateDir: string): string {
  const file = path.join(stateDir, 'site.json');
  if (!existsSync(file)) throw new Error(`no lab site in ${stateDir} (start one with: custos lab serve --hosts N), or pass --admin URL`);
  const site = JSON.parse(readFileSync(file, 'utf8')) as { address?: string; adminPort?: number };
  if (!site.address || !site.adminPort) throw new Error(`${file} has no admin address; is the lab running?`);
  return `http://${site.address}:${site.adminPort}`;
}

export async function adminRequest(base: string, method: string, pathname: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${base}${pathname}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  } catch (err) {
    throw new Error(`lab admin API at ${base} is not answering (${(err as Error).message}); is \`custos lab serve\` running?`, { cause: err });
  }
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`lab admin: ${method} ${pathname} → ${res.status}: ${(json as { error?: string }).error ?? JSON.stringify(json)}`);
  return json;
}
