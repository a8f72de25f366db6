import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Minio from 'minio';
import { s3Client } from '@custos/testkit';
import { ObjectLockMissing } from '../../src/central/evidence/index.js';
import { ensureLockedBucket, stackStore } from './support.js';

// The Object Lock contract of reference/evidence.md §6.5, run against the stack's SeaweedFS with the
// minio client the evidence store uses. Each case states the S3 semantics; where SeaweedFS differs,
// the test asserts what it does and says so (see DEVIATIONS in activities/test/evidence/README.md).
// Locked versions cannot be removed, so everything here uses short retention and one reused bucket.

const BUCKET = 'custos-lock-contract';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

async function read(client: Minio.Client, key: string, versionId?: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await client.getObject(BUCKET, key, versionId ? { versionId } : {})) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const inSeconds = (s: number) => new Date(Math.ceil(Date.now() / 1000) * 1000 + s * 1000).toISOString();

describe('Object Lock contract (SeaweedFS, minio client)', () => {
  let client: Minio.Client;
  const prefix = `contract-${randomUUID().slice(0, 8)}/`;

  async function lockedVersion(key: string, body: string, mode: 'COMPLIANCE' | 'GOVERNANCE', untilSeconds: number): Promise<string> {
    const put = await client.putObject(BUCKET, key, Buffer.from(body));
    await client.putObjectRetention(BUCKET, key, { versionId: put.versionId!, mode: Minio.RETENTION_MODES[mode], retainUntilDate: inSeconds(untilSeconds) });
    return put.versionId!;
  }

  beforeAll(async () => {
    client = s3Client();
    await ensureLockedBucket(client, BUCKET);
  });

  it('1: a bucket created with Object Lock has versioning enabled and lock configuration Enabled', async () => {
    expect((await client.getBucketVersioning(BUCKET)).Status).toBe('Enabled');
    expect(await (client.getObjectLockConfig(BUCKET) as unknown as Promise<Minio.ObjectLockInfo>)).toMatchObject({ objectLockEnabled: 'Enabled' });
  });

  it('2: PUT + PutObjectRetention(COMPLIANCE) gives a version whose retention reads back', async () => {
    const key = `${prefix}compliance`;
    const v = await lockedVersion(key, 'evidence', 'COMPLIANCE', 120);
    expect(v).toBeTruthy();
    expect(await client.getObjectRetention(BUCKET, key, { versionId: v })).toMatchObject({ mode: 'COMPLIANCE' });
  });

  it('3, 4: DELETE without versionId adds a delete marker (bytes survive); DELETE of the locked version is refused', async () => {
    const key = `${prefix}delete`;
    const v = await lockedVersion(key, 'keep me', 'COMPLIANCE', 120);
    expect(await code(client.removeObject(BUCKET, key))).toBe('ok');
    expect(await read(client, key, v)).toBe('keep me');
    expect(await code(client.removeObject(BUCKET, key, { versionId: v }))).toBe('AccessDenied');
    expect(await read(client, key, v)).toBe('keep me');
  });

  it('overwrite: a second PUT is a new version; the locked one keeps its bytes and retention', async () => {
    const key = `${prefix}overwrite`;
    const v1 = await lockedVersion(key, 'first', 'COMPLIANCE', 120);
    const v2 = (await client.putObject(BUCKET, key, Buffer.from('second'))).versionId!;
    expect(v2).not.toBe(v1);
    expect(await read(client, key, v1)).toBe('first');
    expect(await read(client, key)).toBe('second');
    expect(await client.getObjectRetention(BUCKET, key, { versionId: v1 })).toMatchObject({ mode: 'COMPLIANCE' });
  });

  it('5, 6: COMPLIANCE retention cannot be shortened or removed, but can be extended', async () => {
    const key = `${prefix}shorten`;
    const v = await lockedVersion(key, 'x', 'COMPLIANCE', 120);
    expect(await code(client.putObjectRetention(BUCKET, key, { versionId: v, mode: Minio.RETENTION_MODES.COMPLIANCE, retainUntilDate: inSeconds(30) }))).toBe('AccessDenied');
    expect(await code(client.putObjectRetention(BUCKET, key, { versionId: v, mode: Minio.RETENTION_MODES.GOVERNANCE, retainUntilDate: inSeconds(120), governanceBypass: true }))).toBe('AccessDenied');
    const longer = inSeconds(600);
    expect(await code(client.putObjectRetention(BUCKET, key, { versionId: v, mode: Minio.RETENTION_MODES.COMPLIANCE, retainUntilDate: longer }))).toBe('ok');
    const r = await client.getObjectRetention(BUCKET, key, { versionId: v });
    expect(new Date(r!.retainUntilDate).getTime()).toBe(new Date(longer).getTime());
    expect(await code(client.removeObject(BUCKET, key, { versionId: v, governanceBypass: true }))).toBe('AccessDenied');
  });

  it('7: GOVERNANCE refuses a plain version delete and allows one with the bypass header', async () => {
    const key = `${prefix}governance`;
    const v = await lockedVersion(key, 'g', 'GOVERNANCE', 120);
    expect(await code(client.removeObject(BUCKET, key, { versionId: v }))).toBe('AccessDenied');
    expect(await code(client.removeObject(BUCKET, key, { versionId: v, governanceBypass: true }))).toBe('ok');
    expect(await code(client.statObject(BUCKET, key, { versionId: v }))).not.toBe('ok');
  });

  it('8: legal hold blocks deleting a version with no retention until it is released', async () => {
    const key = `${prefix}legal-hold`;
    const v = (await client.putObject(BUCKET, key, Buffer.from('held'))).versionId!;
    await client.setObjectLegalHold(BUCKET, key, { versionId: v, status: Minio.LEGAL_HOLD_STATUS.ENABLED });
    // minio-js types this as a string; it resolves to the parsed XML ({ Status: 'ON' }).
    expect(await client.getObjectLegalHold(BUCKET, key, { versionId: v })).toMatchObject({ Status: 'ON' });
    expect(await code(client.removeObject(BUCKET, key, { versionId: v }))).toBe('AccessDenied');
    await client.setObjectLegalHold(BUCKET, key, { versionId: v, status: Minio.LEGAL_HOLD_STATUS.DISABLED });
    expect(await code(client.removeObject(BUCKET, key, { versionId: v }))).toBe('ok');
  });

  it('9: a batch delete including a locked version reports that key as failed and keeps it', async () => {
    const locked = `${prefix}batch-locked`;
    const free = `${prefix}batch-free`;
    const vLocked = await lockedVersion(locked, 'locked', 'COMPLIANCE', 120);
    const vFree = (await client.putObject(BUCKET, free, Buffer.from('free'))).versionId!;
    const result = await client.removeObjects(BUCKET, [
      { name: locked, versionId: vLocked },
      { name: free, versionId: vFree },
    ]);
    const errors = (result as unknown as ({ Key?: string; Code?: string } | null)[]).filter((r) => r?.Code !== undefined);
    expect(errors.map((e) => [e!.Key, e!.Code])).toEqual([[locked, 'AccessDenied']]);
    expect(await read(client, locked, vLocked)).toBe('locked');
  });

  it('10: a bucket holding locked versions cannot be deleted', async () => {
    expect(await code(client.removeBucket(BUCKET))).not.toBe('ok');
    expect(await client.bucketExists(BUCKET)).toBe(true);
  });

  it('11: once retain-until has passed the version can be deleted', async () => {
    const key = `${prefix}expiry`;
    const v = await lockedVersion(key, 'short', 'COMPLIANCE', 3);
    expect(await code(client.removeObject(BUCKET, key, { versionId: v }))).toBe('AccessDenied');
    await new Promise((r) => setTimeout(r, 5000));
    expect(await code(client.removeObject(BUCKET, key, { versionId: v }))).toBe('ok');
  }, 20_000);

  it('12 (deviation): lock headers on PUT through the minio client are not applied as retention', async () => {
    const key = `${prefix}headers`;
    const put = await client.putObject(BUCKET, key, Buffer.from('h'), undefined, {
      'X-Amz-Object-Lock-Mode': 'COMPLIANCE',
      'X-Amz-Object-Lock-Retain-Until-Date': inSeconds(120),
    });
    // S3 semantics: COMPLIANCE retention on this version. SeaweedFS 4.48 + minio-js: none (the headers
    // become user metadata), so the version is deletable. The store therefore never relies on them.
    const retained = await client.getObjectRetention(BUCKET, key, { versionId: put.versionId! }).then((r) => Boolean(r?.retainUntilDate), () => false);
    expect(retained).toBe(false);
    expect(await code(client.removeObject(BUCKET, key, { versionId: put.versionId! }))).toBe('ok');
  });

  it('the evidence store writes through that deviation: retention applied after the PUT and read back', async () => {
    const store = stackStore(BUCKET, prefix);
    const until = new Date(Date.now() + 90_000);
    const locked = await store.putLocked('store/locked', new TextEncoder().encode('sealed'), until, 'text/plain');
    expect(locked.retainUntil.getTime()).toBeGreaterThanOrEqual(until.getTime());
    expect(await client.getObjectRetention(BUCKET, `${prefix}store/locked`, { versionId: locked.versionId })).toMatchObject({ mode: 'COMPLIANCE' });
    expect(await code(client.removeObject(BUCKET, `${prefix}store/locked`, { versionId: locked.versionId }))).toBe('AccessDenied');
  });

  it('deviation: on a versioned bucket without Object Lock, COMPLIANCE retention is reported but not enforced', async () => {
    const versioned = 'custos-versioned-nolock-test';
    if (!(await client.bucketExists(versioned))) {
      await client.makeBucket(versioned);
      await client.setBucketVersioning(versioned, { Status: 'Enabled' });
    }
    const key = `${prefix}unenforced`;
    const v = (await client.putObject(versioned, key, Buffer.from('x'))).versionId!;
    // S3 answers InvalidRequest here (the bucket has no Object Lock configuration); SeaweedFS 4.48 accepts…
    expect(await code(client.putObjectRetention(versioned, key, { versionId: v, mode: Minio.RETENTION_MODES.COMPLIANCE, retainUntilDate: inSeconds(120) }))).toBe('ok');
    expect(await client.getObjectRetention(versioned, key, { versionId: v })).toMatchObject({ mode: 'COMPLIANCE' });
    // …and then deletes the "retained" version anyway.
    expect(await code(client.removeObject(versioned, key, { versionId: v }))).toBe('ok');
  });

  it('the evidence store fails closed where retention does not stick: unversioned and unlocked buckets', async () => {
    const plain = 'custos-nolock-test';
    if (!(await client.bucketExists(plain))) await client.makeBucket(plain);
    await expect(stackStore(plain, prefix).putLocked('x', new TextEncoder().encode('x'), new Date(Date.now() + 60_000), 'text/plain')).rejects.toBeInstanceOf(ObjectLockMissing);

    // Versioned but created without Object Lock: retention would be reported yet not enforced (the
    // deviation above), so the store refuses the bucket before writing anything.
    const versioned = 'custos-versioned-nolock-test';
    if (!(await client.bucketExists(versioned))) {
      await client.makeBucket(versioned);
      await client.setBucketVersioning(versioned, { Status: 'Enabled' });
    }
    await expect(stackStore(versioned, prefix).putLocked('x', new TextEncoder().encode('x'), new Date(Date.now() + 60_000), 'text/plain')).rejects.toBeInstanceOf(ObjectLockMissing);
    expect(await client.listObjectsV2(versioned, `${prefix}x`, true).toArray()).toEqual([]);
    await expect(stackStore(versioned, prefix).assertObjectLock()).rejects.toBeInstanceOf(ObjectLockMissing);
  });
});
