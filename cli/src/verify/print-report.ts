import type { KitReport } from '@custos/evidence';

/** The human-readable report: one line per site, anchor, failure and note, then a verdict. */
export function formatReport(report: KitReport): string {
  const lines: string[] = [];
  if (report.trust) {
    const pin = report.trust.pinned ? 'pinned' : 'NOT pinned (pass --trust-root to compare with the key you were given)';
    lines.push(`trust    version ${report.trust.version}, root key ${report.trust.rootKeyIds.map((k) => k.slice(0, 16)).join(', ')}… ${pin}`);
  }
  for (const s of report.sites) {
    const span = s.firstStartedAt ? ` ${s.firstStartedAt} .. ${s.lastFinishedAt}` : '';
    const anchored = s.anchoredEntries > 0 ? `, ${s.anchoredEntries} anchored by ${s.anchoredBy}` : ', none anchored';
    lines.push(
      `site     ${s.tenant}/${s.site}: ${s.envelopesVerified}/${s.entries} bundles verified, ${s.artefactsVerified} artefacts, checkpoint ${s.latestCheckpoint}${anchored}${span}`,
    );
  }
  for (const a of report.anchors) {
    const parts = [a.tsaTime ? `RFC 3161 ${a.tsaTime}` : undefined, a.bitcoin ? `Bitcoin block ${a.bitcoin.height} (${a.bitcoin.blockHash}) ${a.bitcoin.time}` : undefined];
    lines.push(`anchor   ${a.anchorSize}: ${parts.filter(Boolean).join('; ') || 'no verified time yet'}`);
  }
  for (const f of report.failures) lines.push(`FAIL     ${f.object}: ${f.reason} [${f.code}]`);
  for (const n of report.notes) lines.push(`note     ${n.object}: ${n.message}`);
  lines.push(
    report.ok
      ? `OK       ${report.objectsChecked} files checked, no failures`
      : `FAILED   ${report.failures.length} failure(s) in ${report.objectsChecked} files`,
  );
  return lines.join('\n');
}
