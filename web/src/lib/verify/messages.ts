import type { KitReport, Progress } from '@custos/evidence';

/** What the page sends the verifier worker: the kit's files (transferred, not copied) and pinned root ids. */
export interface VerifyRequest {
  files: [path: string, bytes: ArrayBuffer][];
  trustRoots: string[];
}

export type VerifyMessage =
  | { type: 'engine'; engine: 'webcrypto' | 'noble' }
  | { type: 'progress'; progress: Progress }
  | { type: 'report'; report: KitReport; ms: number }
  | { type: 'input-error'; message: string }
  | { type: 'error'; message: string };
