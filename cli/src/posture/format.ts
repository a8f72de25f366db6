import type { ReconstructedPosture } from './reconstruct.js';

/** Plain-text posture: one block per site, one line per (control, host). */
export function formatPosture(p: ReconstructedPosture): string {
  const out = [`posture of client ${p.tenant} as of ${p.asOf}, from signed evidence`];
  if (p.sites.length === 0) out.push('  no evidence had been recorded by then');
  for (const s of p.sites) {
    out.push('', `site ${s.site}: ${s.bundlesConsidered} bundles, last scan ${s.lastScanAt ?? 'never'}, approvals ${s.approvals.approved} approved / ${s.approvals.rejected} rejected, ${s.histories} workflow histories`);
    const width = Math.max(7, ...s.controls.map((c) => c.controlId.length));
    for (const c of s.controls) {
      const healed = c.healed ? `  healed ${c.healed.at} (${c.healed.tier}, bundle ${c.healed.seq}, not re-scanned)` : '';
      const finding = c.finding ? `  "${c.finding}"` : '';
      out.push(`  ${c.controlId.padEnd(width)}  ${(c.host ?? '(site)').padEnd(14)}  ${c.result.padEnd(4)}  ${c.observedAt}  bundle ${c.evidence.seq}${finding}${healed}`);
    }
  }
  return out.join('\n');
}
