import { toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import type { SignatureVerifier } from '../ed25519.js';
import type { NoteKey } from '../note.js';
import type { TrustDocument, TrustedKey } from '../trust/document.js';
import { keyValidAt } from '../trust/document.js';
import type { KitSource } from './source.js';
import type { Findings, Progress } from './report.js';

/** State shared by the verification steps of one kit. */
export class VerifyContext {
  /** SHA-256 of every file read so far, so the manifest check does not read a file twice. */
  readonly digests = new Map<string, string>();
  /** Files the signed manifest lists but the kit lacks (already reported as missing). */
  readonly removed = new Set<string>();

  constructor(
    readonly source: KitSource,
    readonly files: ReadonlySet<string>,
    readonly findings: Findings,
    readonly verifier: SignatureVerifier,
    readonly trust: TrustDocument,
    private readonly onProgress: (p: Progress) => void,
  ) {}

  async read(path: string): Promise<Uint8Array | undefined> {
    if (!this.files.has(path)) return undefined;
    const bytes = await this.source.read(path);
    if (bytes) this.digests.set(path, toHex(sha256(bytes)));
    return bytes;
  }

  progress(phase: string, done: number, total: number): void {
    this.onProgress({ phase, done, total });
  }

  get domain(): string {
    return this.trust.domain;
  }

  keys(role: TrustedKey['role']): TrustedKey[] {
    return this.trust.keys.filter((k) => k.role === role);
  }

  /** Log keys as signed-note verifier keys. */
  logNoteKeys(): NoteKey[] {
    return this.keys('log').map((k) => ({ name: k.noteName!, publicKey: k.publicKey }));
  }

  /** Keys that may sign a site's evidence: bundle keys and that site's appliance keys. */
  bundleSigners(tenant: string, site: string): TrustedKey[] {
    return this.trust.keys.filter((k) => k.role === 'bundle' || (k.role === 'appliance' && k.scope?.tenant === tenant && k.scope.site === site));
  }

  validAt(key: TrustedKey, time: string): boolean {
    return keyValidAt(key, time);
  }
}
