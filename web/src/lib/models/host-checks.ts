/**
 * What a host's checks say, from what is stored: a scan opens a finding for every check that fails
 * or cannot run and resolves it when the check passes, and marks the host seen. So a check with no
 * open finding on a host seen by a scan passed at that scan; a host never seen has no results yet.
 */

export type CheckState = 'failing' | 'passing' | 'not scanned' | 'disabled';

export interface HostCheck {
  runbookId: string;
  title: string;
  severity: string;
  state: CheckState;
  /** When the failure was first seen (failing), or the last scan (passing). */
  since: string | null;
  findingId: string | null;
}

export function hostChecks(
  runbooks: readonly { id: string; title: string; severity: string; hostKinds: readonly string[] }[],
  host: { role: string; lastSeenAt: string | null },
  disabled: ReadonlySet<string>,
  open: readonly { id: string; checkId: string; observedAt: string }[],
): HostCheck[] {
  const openByCheck = new Map(open.map((f) => [f.checkId, f]));
  return runbooks
    .filter((r) => r.hostKinds.includes(host.role))
    .map((r) => {
      const f = openByCheck.get(r.id);
      const state: CheckState = disabled.has(r.id) ? 'disabled' : f ? 'failing' : host.lastSeenAt ? 'passing' : 'not scanned';
      return { runbookId: r.id, title: r.title, severity: r.severity, state, since: f ? f.observedAt : state === 'passing' ? host.lastSeenAt : null, findingId: f?.id ?? null };
    })
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.runbookId.localeCompare(b.runbookId));
}

const ORDER: Record<CheckState, number> = { failing: 0, 'not scanned': 1, passing: 2, disabled: 3 };
