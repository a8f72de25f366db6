// The evidence bucket as the evidence service sees it: write-once objects under COMPLIANCE retention,
// read back by version. Implemented with the minio client (minio-object-store.ts) for any S3 service
// with Object Lock; the contract suite in activities/test/evidence checks the server keeps its promises.

export interface LockedObject {
  readonly key: string;
  /** The version this write created; evidence is always read back by version, never "latest". */
  readonly versionId: string;
  readonly size: number;
  /** Retention as the server reports it after the write (read back, not assumed). */
  readonly retainUntil: Date;
}

export interface StoredObjectInfo {
  readonly versionId: string;
  readonly size: number;
  /** Hex MD5 of the content for single-part uploads (the only kind the store writes). */
  readonly etag: string;
}

export interface ObjectRetention {
  readonly mode: 'COMPLIANCE' | 'GOVERNANCE';
  readonly retainUntil: Date;
}

export interface ObjectStore {
  readonly bucket: string;
  /** Where the store is, for error messages (`s3://bucket at http://host:port`). */
  readonly location: string;
  /** Throws ObjectLockMissing unless the bucket exists with Object Lock (and so versioning) enabled. */
  assertObjectLock(): Promise<void>;
  /**
   * Stores `bytes` as a new version of `key` under COMPLIANCE retention until `retainUntil`, then reads
   * the retention back. Throws RetentionNotApplied (fail closed) if the server reports none or less.
   */
  putLocked(key: string, bytes: Uint8Array, retainUntil: Date, contentType: string): Promise<LockedObject>;
  /** The bytes of one version (or the latest), or undefined if there is no such object. */
  get(key: string, versionId?: string): Promise<Uint8Array | undefined>;
  stat(key: string, versionId?: string): Promise<StoredObjectInfo | undefined>;
  retention(key: string, versionId: string): Promise<ObjectRetention | undefined>;
  /** Keys under `prefix` (latest versions). */
  list(prefix: string): Promise<string[]>;
}

/** The bucket cannot hold evidence: no Object Lock, no versioning, or it does not exist. */
export class ObjectLockMissing extends Error {
  override readonly name = 'ObjectLockMissing';
}

/** A write succeeded but the server does not hold the version under the retention we asked for. */
export class RetentionNotApplied extends Error {
  override readonly name = 'RetentionNotApplied';
}

/** An object that evidence is about to reference is not in the store (or not the bytes we wrote). */
export class ObjectMissing extends Error {
  override readonly name = 'ObjectMissing';
}
