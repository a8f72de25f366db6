import type { SignatureVerifier } from '../ed25519.js';
import { classifyPath, KIT_JSON, MANIFEST } from '../kit/layout.js';
import type { KitPath } from '../kit/layout.js';
import { VerifyContext } from './context.js';
import { Findings } from './report.js';
import type { KitReport, Progress, SiteSummary } from './report.js';
import type { KitSource } from './source.js';
import { verifyKitTrust } from './trust-step.js';
import { verifySite } from './site-step.js';
import { verifyAnchors } from './anchor-step.js';
import { checkManifestDigests, loadManifest } from './manifest-step.js';

/** The input is not an auditor kit at all (exit code 2 in the CLI), as opposed to a kit that fails. */
export class KitInputError extends Error {
  override readonly name = 'KitInputError';
}

export interface VerifyKitOptions {
  readonly verifier: SignatureVerifier;
  /** Root key ids the auditor obtained out of band; the first trust document must be signed by one. */
  readonly trustRoots?: readonly string[];
  readonly onProgress?: (p: Progress) => void;
}

/** Verifies a whole auditor kit offline (reference/evidence.md §7.3) and reports every failure. */
export async function verifyKit(source: KitSource, options: VerifyKitOptions): Promise<KitReport> {
  const list = (await source.list()).sort();
  const files = new Set(list);
  if (!files.has(KIT_JSON) && !files.has(MANIFEST) && !list.some((p) => p.startsWith('trust/'))) {
    throw new KitInputError('not an auditor kit: no kit.json, manifest.dsse.json or trust/ documents');
  }
  const findings = new Findings();
  const classified: [string, KitPath][] = list.map((p) => [p, classifyPath(p)]);
  for (const [path, kind] of classified) if (kind.kind === 'unknown') findings.fail(path, 'unexpected-file', 'not part of the auditor kit layout');
  const paths = classified.map(([, k]) => k);

  const chain = await verifyKitTrust(source, paths, findings, options.verifier, options.trustRoots ?? []);
  if (!chain) return { ok: false, failures: findings.failures, notes: findings.notes, sites: [], anchors: [], objectsChecked: list.length };
  const ctx = new VerifyContext(source, files, findings, options.verifier, chain.current, options.onProgress ?? (() => undefined));

  const manifest = await loadManifest(ctx);
  const sites = new Map<string, KitPath[]>();
  for (const p of paths) {
    if ('tenant' in p) {
      const key = `${p.tenant}/${p.site}`;
      const list = sites.get(key);
      if (list) list.push(p);
      else sites.set(key, [p]);
    }
  }
  const counter = { done: 0, total: paths.filter((p) => p.kind === 'envelope').length };
  const results = [];
  for (const [key, sitePaths] of sites) {
    const [tenant, site] = key.split('/') as [string, string];
    results.push(await verifySite(ctx, tenant, site, sitePaths, counter));
  }
  ctx.progress('bundles', counter.total, counter.total);
  ctx.progress('anchors', 0, 1);
  const anchors = await verifyAnchors(ctx, paths);
  ctx.progress('anchors', 1, 1);

  const anchoredAt = (index: number): string | undefined => {
    const times = anchors.summaries
      .filter((a) => a.anchorSize > index)
      .flatMap((a) => [a.tsaTime, a.bitcoin?.time].filter((t): t is string => t !== undefined));
    return times.sort()[0];
  };
  const siteSummaries: SiteSummary[] = results.map((r) => {
    let anchoredEntries = 0;
    let anchoredBy: string | undefined;
    for (const cp of r.checkpoints) {
      const index = anchors.entryIndex.get(cp.bodyHash);
      const when = index === undefined ? undefined : anchoredAt(index);
      if (when && cp.size >= anchoredEntries) {
        anchoredEntries = cp.size;
        anchoredBy = when;
      }
    }
    if (r.summary.latestCheckpoint > anchoredEntries) {
      findings.note(`sites/${r.summary.tenant}/${r.summary.site}/`, `checkpoints after size ${anchoredEntries} are not anchored yet`);
    }
    return { ...r.summary, anchoredEntries, ...(anchoredBy ? { anchoredBy } : {}) };
  });

  if (manifest) await checkManifestDigests(ctx, manifest);
  return {
    ok: findings.failures.length === 0,
    failures: findings.failures,
    notes: findings.notes,
    trust: { version: chain.current.version, rootKeyIds: chain.firstRoots, pinned: chain.pinned },
    sites: siteSummaries,
    anchors: anchors.summaries,
    objectsChecked: list.length,
  };
}
