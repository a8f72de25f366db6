import type { KitReport } from '@custos/evidence';
import { formatCount } from './format.js';

/** The verifier's report arranged for people: a verdict, then one row per object with what broke. */
export interface KitReportView {
  ok: boolean;
  verdict: string;
  failures: { object: string; problems: { code: string; reason: string }[] }[];
  /** Failures counted per site (tenant/site) or "kit" for files outside any site. */
  bySite: Record<string, number>;
}

const siteOf = (object: string): string => {
  const m = /^sites\/([^/]+)\/([^/#]+)/.exec(object);
  return m ? `${m[1]}/${m[2]}` : 'kit';
};

export function kitReportView(report: KitReport): KitReportView {
  const grouped = new Map<string, { code: string; reason: string }[]>();
  const bySite: Record<string, number> = {};
  for (const f of report.failures) {
    grouped.set(f.object, [...(grouped.get(f.object) ?? []), { code: f.code, reason: f.reason }]);
    const s = siteOf(f.object);
    bySite[s] = (bySite[s] ?? 0) + 1;
  }
  const bundles = report.sites.reduce((a, s) => a + s.envelopesVerified, 0);
  const verdict = report.ok
    ? `Verified: ${formatCount(bundles)} signed bundles in ${report.sites.length} site log${report.sites.length === 1 ? '' : 's'}, every checkpoint and the manifest check out.`
    : `Not verified: ${report.failures.length} problem${report.failures.length === 1 ? '' : 's'} in ${grouped.size} object${grouped.size === 1 ? '' : 's'}. Each is listed below with the reason.`;
  return { ok: report.ok, verdict, failures: [...grouped].map(([object, problems]) => ({ object, problems })), bySite };
}
