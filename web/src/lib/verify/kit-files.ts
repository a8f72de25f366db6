/**
 * Turning what the auditor picked (a folder or a .zip) into kit-relative paths. Browsers give a
 * folder's files as `<folder>/<path>`; zips often wrap the kit in one top folder too. The kit root is
 * where kit.json (or manifest.dsse.json, or trust/) sits.
 */

export class KitFileError extends Error {
  override readonly name = 'KitFileError';
}

const ROOT_MARKERS = ['kit.json', 'manifest.dsse.json'];

/** The prefix (ending in "/", or "") that every kit path starts with. */
export function kitRootPrefix(paths: readonly string[]): string {
  let best: string | undefined;
  for (const p of paths) {
    const name = p.split('/').pop()!;
    const dir = p.slice(0, p.length - name.length);
    if (ROOT_MARKERS.includes(name) && (best === undefined || dir.length < best.length)) best = dir;
  }
  if (best !== undefined) return best;
  const trust = paths.map((p) => /^(.*?)trust\/[1-9][0-9]*\.json$/.exec(p)?.[1]).find((d) => d !== undefined);
  if (trust !== undefined) return trust;
  throw new KitFileError('this is not an auditor kit: no kit.json, manifest.dsse.json or trust/ document inside');
}

/** Kit-relative path of each picked file; files outside the kit root are left out. */
export function relativeKitPaths(paths: readonly string[]): Map<string, string> {
  const normalised = paths.map((p) => p.replace(/\\/g, '/').replace(/^\/+/, ''));
  const prefix = kitRootPrefix(normalised);
  const out = new Map<string, string>();
  normalised.forEach((p, i) => {
    if (p.startsWith(prefix) && !p.endsWith('/')) out.set(paths[i]!, p.slice(prefix.length));
  });
  return out;
}
