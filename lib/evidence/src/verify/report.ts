// What the kit verifier reports. Every failure names one object (a kit-relative path, optionally with a
// "#detail" such as an entry index) and a stable code, so tools and tests can tell exactly what broke.

export type FailureCode =
  | 'missing'
  | 'unexpected-file'
  | 'unreadable'
  | 'manifest-signature'
  | 'manifest-mismatch'
  | 'trust-invalid'
  | 'checkpoint-invalid'
  | 'checkpoint-mismatch'
  | 'log-truncated'
  | 'entries-malformed'
  | 'entry-mismatch'
  | 'envelope-digest'
  | 'envelope-signature'
  | 'envelope-invalid'
  | 'not-in-log'
  | 'seq-mismatch'
  | 'prev-mismatch'
  | 'key-window'
  | 'artefact-digest'
  | 'artefact-missing'
  | 'anchor-invalid'
  | 'header-invalid';

export interface Finding {
  readonly object: string;
  readonly code: FailureCode;
  readonly reason: string;
}

export interface Note {
  readonly object: string;
  readonly message: string;
}

export interface AnchorSummary {
  readonly anchorSize: number;
  readonly tsaTime?: string;
  readonly bitcoin?: { readonly height: number; readonly blockHash: string; readonly time: string };
  readonly pendingCalendars: readonly string[];
}

export interface SiteSummary {
  readonly tenant: string;
  readonly site: string;
  readonly entries: number;
  readonly envelopesVerified: number;
  readonly artefactsVerified: number;
  readonly firstStartedAt?: string;
  readonly lastFinishedAt?: string;
  readonly latestCheckpoint: number;
  /** Entries covered by a site checkpoint that is itself in an anchored anchor-log checkpoint. */
  readonly anchoredEntries: number;
  /** Earliest independent time bound (TSA genTime or Bitcoin block time) for anchoredEntries. */
  readonly anchoredBy?: string;
}

export interface KitReport {
  readonly ok: boolean;
  readonly failures: readonly Finding[];
  /** Facts worth knowing that are not failures: pending OTS proofs, entries not yet checkpointed… */
  readonly notes: readonly Note[];
  readonly trust?: { readonly version: number; readonly rootKeyIds: readonly string[]; readonly pinned: boolean };
  readonly sites: readonly SiteSummary[];
  readonly anchors: readonly AnchorSummary[];
  readonly objectsChecked: number;
}

export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** Collects findings; each object gets at most one failure per code so one cause is not reported twice. */
export class Findings {
  readonly failures: Finding[] = [];
  readonly notes: Note[] = [];
  private readonly seen = new Set<string>();

  fail(object: string, code: FailureCode, reason: string): void {
    const key = `${object}\0${code}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.failures.push({ object, code, reason });
  }

  note(object: string, message: string): void {
    this.notes.push({ object, message });
  }

  failed(object: string): boolean {
    return this.failures.some((f) => f.object === object || f.object.startsWith(`${object}#`));
  }
}
