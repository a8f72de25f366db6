import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKit, fromUtf8, memorySource, parseCanonical, parseEnvelope, sha256, toHex, utf8, verifyEnvelope, verifyKit } from '@custos/evidence';
import type { EvidenceStatement } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { s3Client } from '@custos/testkit';
import {
  collectKitInput, EvidenceService, InvalidEvidenceRequest, KeyNotTrusted, ObjectLockMissing, ObjectMissing, evidenceDb, withSiteLog,
} from '../../src/central/evidence/index.js';
import type { EvidenceRequest } from '../../src/central/evidence/index.js';
import { evidenceTestEnv, randomKeys, stackStore, TEST_RETENTION } from './support.js';
import type { EvidenceTestEnv } from './support.js';
import { readKitInputs } from './kit-inputs.js';

const RUN = '0192f0c1-0000-7000-8000-000000000001';

function scan(siteId: string, n: number, extra: Partial<EvidenceRequest> = {}): EvidenceRequest {
  // An hour ago onwards: inside the bundle key's window, which opens a day before trust.json v1.
  const t = Date.now() - 3600_000 + n * 1000;
  return {
    requestKey: `scan:test:${n}`,
    siteId,
    kind: 'scan',
    runId: RUN,
    startedAt: new Date(t).toISOString(),
    finishedAt: new Date(t + 500).toISOString(),
    controls: [n % 5 === 0 ? { id: '164.312(b)', result: 'fail', host: 'host-001', finding: 'audit policy disabled' } : { id: '164.312(b)', result: 'pass', host: 'host-001' }],
    artefacts: [{ name: `raw/scan-${n}/output.json`, bytes: utf8(JSON.stringify({ n, checks: 1 })), contentType: 'application/json' }],
    ...extra,
  };
}

describe('evidence service against real PostgreSQL and SeaweedFS', () => {
  let env: EvidenceTestEnv;

  beforeAll(async () => {
    env = await evidenceTestEnv('evidence_service', { sites: 3 });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('signs, stores under COMPLIANCE retention, logs, checkpoints and anchors one bundle', async () => {
    const site = env.sites[0]!;
    const recorded = await env.service.record(scan(site.siteId, 1));
    expect(recorded).toMatchObject({ seq: 0, duplicate: false, siteId: site.siteId });

    const store = env.service.store;
    const bytes = (await store.get(recorded.objectKey, recorded.versionId!))!;
    expect(toHex(sha256(bytes))).toBe(recorded.digest);
    const retention = await store.retention(recorded.objectKey, recorded.versionId!);
    expect(retention?.mode).toBe('COMPLIANCE');
    expect(retention!.retainUntil.getTime()).toBeGreaterThan(Date.now() + (TEST_RETENTION.seconds - 60) * 1000);

    const envelope = parseEnvelope(parseCanonical(bytes).value);
    const check = await verifyEnvelope(envelope, [env.keys.bundle.publicKey], nodeVerifier(), 1);
    expect(check.ok).toBe(true);
    const statement = JSON.parse(fromUtf8(check.body)) as EvidenceStatement;
    expect(statement.predicate).toMatchObject({ kind: 'scan', tenant: site.clientId, site: site.siteId, seq: '0', prev: '0'.repeat(64) });
    expect(statement.subject).toEqual([{ name: 'raw/scan-1/output.json', digest: { sha256: toHex(sha256(utf8(JSON.stringify({ n: 1, checks: 1 })))) } }]);

    const db = evidenceDb(env.db);
    const log = await db.selectFrom('evidence_site_logs').selectAll().where('site_id', '=', site.siteId).executeTakeFirstOrThrow();
    expect([Number(log.size), Number(log.checkpointed_size), log.last_digest]).toEqual([1, 1, recorded.digest]);
    const checkpoint = await db.selectFrom('evidence_checkpoints').selectAll().where('site_id', '=', site.siteId).executeTakeFirstOrThrow();
    expect(checkpoint.note).toContain(`${'custos.test'}/evidence/${site.clientId}/${site.siteId}\n1\n`);
    const anchored = await db.selectFrom('evidence_anchor_entries').selectAll().where('site_id', '=', site.siteId).execute();
    expect(anchored.map((a) => [Number(a.checkpoint_size), a.body_sha256])).toEqual([[1, checkpoint.body_sha256]]);
  });

  it('records a retried request once (same request key, same evidence)', async () => {
    const site = env.sites[0]!;
    const again = await env.service.record(scan(site.siteId, 1));
    expect(again).toMatchObject({ seq: 0, duplicate: true });
    const size = await evidenceDb(env.db).selectFrom('evidence_site_logs').select('size').where('site_id', '=', site.siteId).executeTakeFirstOrThrow();
    expect(Number(size.size)).toBe(1);
  });

  it('refuses invalid requests with the field at fault, and writes nothing', async () => {
    const site = env.sites[0]!;
    await expect(env.service.record(scan(site.siteId, 2, { artefacts: [{ name: '../etc/passwd', bytes: utf8('x'), contentType: 'text/plain' }] }))).rejects.toThrow(
      /artefacts\[0\]\.name "\.\.\/etc\/passwd" must be a path under raw\/, histories\/ or reports\//,
    );
    await expect(env.service.record(scan(site.siteId, 3, { controls: [{ id: 'bad id!', result: 'pass' }] }))).rejects.toThrow(/statement field \/predicate\/controls\/0\/id must be a control id/);
    await expect(env.service.record(scan('not-a-site', 4))).rejects.toBeInstanceOf(InvalidEvidenceRequest);
    const tenDaysAgo = new Date(Date.now() - 10 * 86400_000).toISOString();
    await expect(env.service.record(scan(site.siteId, 5, { startedAt: tenDaysAgo, finishedAt: tenDaysAgo }))).rejects.toThrow(/finishedAt .* is outside the bundle key's validity/);
    const size = await evidenceDb(env.db).selectFrom('evidence_site_logs').select('size').where('site_id', '=', site.siteId).executeTakeFirstOrThrow();
    expect(Number(size.size)).toBe(1);
  });

  it('refuses to log an envelope whose object is not in the bucket, leaving the log as it was', async () => {
    const site = env.sites[0]!;
    const fake = utf8('{"payload":"","payloadType":"x","signatures":[]}');
    const attempt = withSiteLog(evidenceDb(env.db), env.service.store, env.keys, TEST_RETENTION, site, async (session) => {
      const { seq } = session.next();
      await session.append({
        seq,
        digest: sha256(fake),
        bytes: fake,
        object: { key: `evidence/${site.clientId}/${site.siteId}/${seq}-${toHex(sha256(fake))}.dsse.json`, versionId: 'no-such-version', size: fake.length, retainUntil: new Date() },
        requestKey: 'forged',
        kind: 'scan',
        finishedAt: new Date().toISOString(),
        artefacts: [],
      });
    });
    await expect(attempt).rejects.toBeInstanceOf(ObjectMissing);
    const log = await evidenceDb(env.db).selectFrom('evidence_site_logs').select(['size']).where('site_id', '=', site.siteId).executeTakeFirstOrThrow();
    expect(Number(log.size)).toBe(1);
  });

  it('refuses a bucket without Object Lock', async () => {
    const client = s3Client();
    const bucket = 'custos-nolock-test';
    if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket);
    const unlocked = new EvidenceService({ db: env.db, store: stackStore(bucket, env.prefix), keys: env.keys, trust: { tsaRoots: [], bitcoinMaxTarget: '207fffff' }, retention: TEST_RETENTION, agent: { name: 'x', version: '1', buildDigest: `sha256:${'00'.repeat(32)}` } });
    await expect(unlocked.record(scan(env.sites[1]!.siteId, 9))).rejects.toBeInstanceOf(ObjectLockMissing);
    await expect(unlocked.record(scan(env.sites[1]!.siteId, 9))).rejects.toThrow(/Object Lock/);
    expect(await client.listObjectsV2(bucket, env.prefix, true).toArray()).toEqual([]);
  });

  it('refuses to sign with a key the published trust.json does not list', async () => {
    const stranger = new EvidenceService({ db: env.db, store: env.service.store, keys: randomKeys(), trust: { tsaRoots: [], bitcoinMaxTarget: '207fffff' }, retention: TEST_RETENTION, agent: { name: 'x', version: '1', buildDigest: `sha256:${'00'.repeat(32)}` } });
    await expect(stranger.record(scan(env.sites[1]!.siteId, 10))).rejects.toBeInstanceOf(KeyNotTrusted);
  });

  it('never forks: 300 concurrent appends from four writers to one site form one log that verifies', async () => {
    const site = env.sites[2]!;
    // Small batches, so dozens of transactions from separate connection pools race for the site's lock.
    const writers = Array.from({ length: 4 }, () => env.secondWriter({ maxBatch: 8 }));
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => writers[i % writers.length]!.record(scan(site.siteId, 1000 + i))));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));

    const db = evidenceDb(env.db);
    const rows = await db.selectFrom('evidence_index').select(['log_index', 'bundle_sha256']).where('site_id', '=', site.siteId).orderBy('log_index').execute();
    expect(rows.length).toBe(300);
    const checkpoints = await db.selectFrom('evidence_checkpoints').select(['size']).where('site_id', '=', site.siteId).execute();
    expect(checkpoints.length).toBeGreaterThanOrEqual(300 / 8);
    expect(Math.max(...checkpoints.map((c) => Number(c.size)))).toBe(300);

    // Every prev links to the envelope before it, every checkpoint matches: the core verifier agrees.
    const kit = buildKit(await readKitInputs(env, [site], env.keys.export));
    const report = await verifyKit(memorySource(kit), { verifier: nodeVerifier() });
    expect(report.failures).toEqual([]);
    expect(report.sites).toEqual([expect.objectContaining({ site: site.siteId, entries: 300, envelopesVerified: 300, latestCheckpoint: 300 })]);
  }, 300_000);

  it('exports a period: the log up to the checkpoint covering its end, which verifies on its own', async () => {
    const site = env.sites[1]!;
    await env.service.record(scan(site.siteId, 2000));
    await new Promise((r) => setTimeout(r, 50));
    const periodEnd = new Date();
    await new Promise((r) => setTimeout(r, 50));
    await env.service.record(scan(site.siteId, 2001));

    const input = await collectKitInput(env.service, { clientId: site.clientId, from: new Date(0), to: periodEnd }, { createdAt: new Date() });
    const exported = input.sites.find((s) => s.site === site.siteId)!;
    expect(exported.envelopes.length).toBe(1);
    expect(exported.checkpoints.map((n) => n.split('\n')[1])).toEqual(['1']);
    const report = await verifyKit(memorySource(buildKit({ ...input, sites: [exported], exportSigners: [env.keys.export] })), { verifier: nodeVerifier() });
    expect(report.failures).toEqual([]);
    expect(report.sites).toEqual([expect.objectContaining({ site: site.siteId, entries: 1, latestCheckpoint: 1 })]);
  });
});
