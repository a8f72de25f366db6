import { randomUUID } from 'node:crypto';
import type * as Minio from 'minio';
import type { Kysely } from 'kysely';
import { connectDatabase, createClient, createPartner, createSite, migrateToLatest } from '@custos/db';
import type { Database } from '@custos/db';
import { randomSeed } from '@custos/evidence';
import { createTestDatabase, s3Client, stackEndpoints } from '@custos/testkit';
import { stackContext } from '@custos/cli/stack';
import { EvidenceService, evidenceKeys, MinioObjectStore } from '../../src/central/evidence/index.js';
import type { EvidenceKeys, EvidenceServiceDeps, TrustSettings } from '../../src/central/evidence/index.js';

// Shared set-up of the evidence integration tests: a fresh database per file, a private key prefix
// in a locked bucket on the stack's SeaweedFS (buckets are reused across runs: each one is a
// SeaweedFS collection and the volume slots are shared by everyone), random keys, short retention.

export const TEST_DOMAIN = 'custos.test';
/** Locked objects written by tests expire after this, so reruns leave nothing undeletable for long. */
export const TEST_RETENTION = { seconds: 600 } as const;

export async function ensureLockedBucket(client: Minio.Client, bucket: string): Promise<void> {
  if (await client.bucketExists(bucket)) return;
  try {
    await client.makeBucket(bucket, stackEndpoints().s3.region, { ObjectLocking: true });
  } catch (err) {
    // Another test file created it first.
    if ((err as { code?: string }).code !== 'BucketAlreadyOwnedByYou' && !(await client.bucketExists(bucket))) throw err;
  }
}

export function stackStore(bucket: string, prefix: string, endpoint?: URL): MinioObjectStore {
  const { config } = stackContext();
  return new MinioObjectStore({
    endpoint: endpoint ?? new URL(stackEndpoints().s3.endpoint),
    region: stackEndpoints().s3.region,
    accessKey: config.s3AccessKey,
    secretKey: config.s3SecretKey,
    bucket,
    prefix,
  });
}

export function randomKeys(withRoot = true): EvidenceKeys {
  return evidenceKeys({ domain: TEST_DOMAIN, bundle: randomSeed(), log: randomSeed(), export: randomSeed(), ...(withRoot ? { root: randomSeed() } : {}) });
}

export interface SeededSite {
  readonly partnerId: string;
  readonly clientId: string;
  readonly siteId: string;
}

export async function seedSites(db: Kysely<Database>, count: number, clientsCount = 1): Promise<SeededSite[]> {
  const scope = { kind: 'platform' } as const;
  const partner = await createPartner(db, scope, { name: 'Test MSP', slug: `msp-${randomUUID().slice(0, 8)}` });
  const clients = [];
  for (let i = 0; i < clientsCount; i++) clients.push((await createClient(db, scope, { partnerId: partner.id, name: `Practice ${i}` }))!);
  const sites: SeededSite[] = [];
  for (let i = 0; i < count; i++) {
    const client = clients[i % clients.length]!;
    const site = (await createSite(db, scope, { clientId: client.id, name: `Site ${i}` }))!;
    sites.push({ partnerId: partner.id, clientId: client.id, siteId: site.id });
  }
  return sites;
}

export interface EvidenceTestEnv {
  readonly db: Kysely<Database>;
  readonly databaseUrl: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly keys: EvidenceKeys;
  readonly service: EvidenceService;
  readonly sites: SeededSite[];
  /** Another service on its own connection pool (a second worker), same keys, store and database. */
  secondWriter(): EvidenceService;
  close(): Promise<void>;
}

export const EVIDENCE_TEST_BUCKET = 'custos-evidence-test';

export async function evidenceTestEnv(label: string, opts: { sites?: number; clients?: number; trust?: Partial<TrustSettings>; store?: MinioObjectStore; poolSize?: number } = {}): Promise<EvidenceTestEnv> {
  const scratch = await createTestDatabase(label);
  const db = connectDatabase(scratch.url, { max: opts.poolSize ?? 10 });
  await migrateToLatest(db);
  await ensureLockedBucket(s3Client(), EVIDENCE_TEST_BUCKET);
  const prefix = `t-${randomUUID().slice(0, 12)}/`;
  const store = opts.store ?? stackStore(EVIDENCE_TEST_BUCKET, prefix);
  const keys = randomKeys();
  const base: Omit<EvidenceServiceDeps, 'db'> = {
    store,
    keys,
    trust: { tsaRoots: [], bitcoinMaxTarget: '207fffff', ...opts.trust },
    retention: TEST_RETENTION,
    agent: { name: 'custos-central', version: '0.1.0-test', buildDigest: `sha256:${'ab'.repeat(32)}` },
  };
  const service = new EvidenceService({ ...base, db });
  const sites = await seedSites(db, opts.sites ?? 1, opts.clients ?? 1);
  const extraPools: Kysely<Database>[] = [];
  return {
    db,
    databaseUrl: scratch.url,
    bucket: store.bucket,
    prefix,
    keys,
    service,
    sites,
    secondWriter() {
      const pool = connectDatabase(scratch.url, { max: opts.poolSize ?? 10 });
      extraPools.push(pool);
      return new EvidenceService({ ...base, db: pool });
    },
    async close() {
      for (const p of extraPools) await p.destroy();
      await db.destroy();
      await scratch.drop();
    },
  };
}
