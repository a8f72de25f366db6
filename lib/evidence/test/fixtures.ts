import type { BundleInput } from '../src/bundle/build.js';

// Deterministic sample evidence for tests and benchmarks: opaque ids only, like production.

export const DOMAIN = 'custos.test';

/** UUID-shaped id derived from a number, so fixtures are reproducible. */
export function uuidFor(n: number): string {
  const h = (n >>> 0).toString(16).padStart(8, '0');
  return `${h}-0000-4000-8000-${h.padStart(12, '0')}`;
}

export function scanInput(seq: number, prev: string, opts: { tenant?: string; site?: string; controls?: number } = {}): BundleInput {
  const t = Date.UTC(2026, 10, 26, 10, 0, 0) + seq * 60_000;
  const controls = Array.from({ length: opts.controls ?? 4 }, (_, i) => ({
    id: `164.312(${String.fromCharCode(97 + (i % 5))})(${(i % 3) + 1})`,
    result: i % 7 === 3 ? ('fail' as const) : ('pass' as const),
    host: `host-${(i % 12).toString().padStart(3, '0')}`,
    evidence: [`raw/${seq}/check-${i}.json#/result`],
    ...(i % 7 === 3 ? { finding: 'audit log retention < 6y' } : {}),
  }));
  return {
    domain: DOMAIN,
    kind: 'scan',
    tenant: opts.tenant ?? 'tenant-0001',
    site: opts.site ?? 'site-0001',
    seq,
    prev,
    runId: uuidFor(seq + 1),
    startedAt: new Date(t).toISOString().replace('.000Z', 'Z'),
    finishedAt: new Date(t + 7_000).toISOString().replace('.000Z', 'Z'),
    agent: { name: 'custos-appliance', version: '0.1.0', buildDigest: `sha256:${'ab'.repeat(32)}` },
    subjects: [{ name: `raw/${seq}/scan-output.json.gz`, digest: { sha256: 'cd'.repeat(32) } }],
    controls,
  };
}
