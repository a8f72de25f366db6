/** What the server hands the browser to verify one bundle: bytes and proofs, nothing pre-judged. */
export interface BundleProof {
  /** The site's tenant (client id) and site id, as in the log origin. */
  tenant: string;
  site: string;
  seq: number;
  /** The envelope exactly as stored (base64). */
  envelope: string;
  /** The log entry for `seq`: SHA-256 of the envelope bytes, as the index recorded it. */
  logEntry: string;
  /** The first signed checkpoint that covers `seq`, and the audit path to its root (hex). */
  checkpoint: { note: string; auditPath: string[] } | null;
  /** trust/1.json … as published. */
  trust: unknown[];
  /** Where that checkpoint sits in the anchor log, and the anchor-log checkpoint that covers it. */
  anchor: { index: number; note: string; auditPath: string[]; tsr: string | null; otsState: string | null } | null;
}
