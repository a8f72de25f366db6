import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import * as Minio from 'minio';
import { ObjectLockMissing, RetentionNotApplied } from './object-store.js';
import type { LockedObject, ObjectRetention, ObjectStore, StoredObjectInfo } from './object-store.js';

export interface MinioStoreOptions {
  readonly endpoint: URL;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly bucket: string;
  /** Namespace inside the bucket (`prod/`); every key is stored under it and listed without it. */
  readonly prefix?: string;
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound', 'NoSuchVersion', 'NoSuchObjectLockConfiguration', 'NoSuchObject']);

function notFound(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code !== undefined && NOT_FOUND.has(code);
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** S3 retention dates have second precision; round up so the server never holds less than asked. */
function wholeSecondAfter(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / 1000) * 1000);
}

export function minioClient(o: Omit<MinioStoreOptions, 'bucket'>): Minio.Client {
  return new Minio.Client({
    endPoint: o.endpoint.hostname,
    port: Number(o.endpoint.port || (o.endpoint.protocol === 'https:' ? 443 : 80)),
    useSSL: o.endpoint.protocol === 'https:',
    accessKey: o.accessKey,
    secretKey: o.secretKey,
    region: o.region,
  });
}

/**
 * ObjectStore over the minio client. Retention is applied with PutObjectRetention after the PUT and
 * read back: on SeaweedFS the client's lock headers on PUT silently become user metadata
 * (reference/evidence.md §6.5), so a write is only trusted once the server reports the retention.
 */
export class MinioObjectStore implements ObjectStore {
  readonly bucket: string;
  readonly location: string;
  private readonly client: Minio.Client;
  private readonly prefix: string;
  private lockChecked?: Promise<void>;

  constructor(options: MinioStoreOptions) {
    const prefix = options.prefix ?? '';
    if (prefix !== '' && !/^[a-z0-9][a-z0-9._-]{0,62}\/$/.test(prefix)) throw new Error(`evidence key prefix ${JSON.stringify(prefix)} must be lowercase letters, digits, . _ - and end with /`);
    this.bucket = options.bucket;
    this.prefix = prefix;
    this.location = `s3://${options.bucket}/${prefix} at ${options.endpoint.origin}`;
    this.client = minioClient(options);
  }

  async assertObjectLock(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) throw new ObjectLockMissing(`${this.location}: bucket does not exist`);
    // minio 8 declares a `void` overload of getObjectLockConfig first; the call returns a Promise.
    const lock = await (this.client.getObjectLockConfig(this.bucket) as unknown as Promise<Minio.ObjectLockInfo>).catch((err: Error) => {
      throw new ObjectLockMissing(`${this.location}: bucket has no Object Lock configuration (${err.message}); evidence needs a bucket created with Object Lock`);
    });
    if (!('objectLockEnabled' in lock) || lock.objectLockEnabled !== 'Enabled') {
      throw new ObjectLockMissing(`${this.location}: Object Lock is not enabled on the bucket; refusing to store evidence there`);
    }
    const versioning = await this.client.getBucketVersioning(this.bucket);
    if (versioning.Status !== 'Enabled') throw new ObjectLockMissing(`${this.location}: versioning is ${versioning.Status ?? 'off'}; Object Lock needs it enabled`);
  }

  async putLocked(key: string, bytes: Uint8Array, retainUntil: Date, contentType: string): Promise<LockedObject> {
    // SeaweedFS 4.48 accepts and reports COMPLIANCE retention on a versioned bucket created without
    // Object Lock, yet deletes the version on request (activities/test/evidence/README.md). Retention
    // read back proves nothing there, so the bucket's own lock configuration is checked first.
    this.lockChecked ??= this.assertObjectLock();
    this.lockChecked.catch(() => {
      this.lockChecked = undefined;
    });
    await this.lockChecked;
    const until = wholeSecondAfter(retainUntil);
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const put = await this.client.putObject(this.bucket, this.prefix + key, body, body.length, { 'Content-Type': contentType });
    if (!put.versionId) throw new ObjectLockMissing(`${this.location}: PUT ${key} returned no version id; the bucket is not versioned`);
    const md5 = createHash('md5').update(body).digest('hex');
    if (put.etag.replace(/"/g, '') !== md5) throw new RetentionNotApplied(`${this.location}: PUT ${key} stored content with ETag ${put.etag}, expected MD5 ${md5}`);
    try {
      await this.client.putObjectRetention(this.bucket, this.prefix + key, { versionId: put.versionId, mode: Minio.RETENTION_MODES.COMPLIANCE, retainUntilDate: until.toISOString() });
    } catch (err) {
      // A bucket default may already hold the version longer; COMPLIANCE refuses shortening. The
      // read-back below decides either way.
      if (!(err as { code?: string }).code) throw err;
    }
    const held = await this.retention(key, put.versionId);
    if (!held) throw new RetentionNotApplied(`${this.location}: ${key} version ${put.versionId} has no retention after PutObjectRetention`);
    if (held.mode !== 'COMPLIANCE') throw new RetentionNotApplied(`${this.location}: ${key} version ${put.versionId} is under ${held.mode}, not COMPLIANCE`);
    if (held.retainUntil.getTime() < until.getTime()) {
      throw new RetentionNotApplied(`${this.location}: ${key} version ${put.versionId} is retained until ${held.retainUntil.toISOString()}, less than ${until.toISOString()}`);
    }
    return { key, versionId: put.versionId, size: body.length, retainUntil: held.retainUntil };
  }

  async get(key: string, versionId?: string): Promise<Uint8Array | undefined> {
    try {
      return await readAll(await this.client.getObject(this.bucket, this.prefix + key, versionId ? { versionId } : {}));
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
  }

  async stat(key: string, versionId?: string): Promise<StoredObjectInfo | undefined> {
    try {
      const s = await this.client.statObject(this.bucket, this.prefix + key, versionId ? { versionId } : {});
      return { versionId: s.versionId ?? '', size: s.size, etag: s.etag.replace(/"/g, '') };
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
  }

  async retention(key: string, versionId: string): Promise<ObjectRetention | undefined> {
    let r: Awaited<ReturnType<Minio.Client['getObjectRetention']>>;
    try {
      r = await this.client.getObjectRetention(this.bucket, this.prefix + key, { versionId });
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
    if (!r || !r.retainUntilDate) return undefined;
    const mode = String(r.mode).toUpperCase();
    if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return undefined;
    return { mode, retainUntil: new Date(r.retainUntilDate) };
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const item of this.client.listObjectsV2(this.bucket, this.prefix + prefix, true) as AsyncIterable<Minio.BucketItem>) {
      if (item.name) keys.push(item.name.slice(this.prefix.length));
    }
    return keys;
  }
}
