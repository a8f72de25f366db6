import { randomUUID } from 'node:crypto';
import type * as Minio from 'minio';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { connectDatabase, createClient, createPartner, createSite, migrateToLatest } from '@custos/db';
import type { Database } from '@custos/db';
import { randomSeed } from '@custos/evidence';
import { createTestDatabase, s3Client, stackEndpoints } from '@custos/testkit';
import { stackContext } from '@custos/cli/stack';
import { EvidenceService, evidenceKeys, MinioObjectStore } from '../../src/central/evidence/index.js';
import type { EvidenceKeys, EvidenceKeySeeds, EvidenceServiceDeps, TrustSettings } from '../../src/central/evidence/index.js';

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

export function randomSeeds(): EvidenceKeySeeds {
  return { domain: TEST_DOMAIN, bundle: randomSeed(), log: randomSeed(), export: randomSeed(), root: randomSeed() };
}

export function randomKeys(): EvidenceKeys {
  return evidenceKeys(randomSeeds());
}

/** The environment a `custos` process needs to reach this test's evidence (same database, bucket, prefix, keys). */
export function evidenceEnvVars(env: Pick<EvidenceTestEnv, 'databaseUrl' | 'bucket' | 'prefix' | 'seeds'>): Record<string, string> {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    DATABASE_URL: env.databaseUrl,
    S3_ENDPOINT: stackEndpoints().s3.endpoint,
    S3_EVIDENCE_BUCKET: env.bucket,
    CUSTOS_EVIDENCE_PREFIX: env.prefix,
    CUSTOS_EVIDENCE_DOMAIN: env.seeds.domain,
    CUSTOS_EVIDENCE_BUNDLE_KEY: b64(env.seeds.bundle),
    CUSTOS_EVIDENCE_LOG_KEY: b64(env.seeds.log),
    CUSTOS_EVIDENCE_EXPORT_KEY: b64(env.seeds.export),
    CUSTOS_EVIDENCE_ROOT_KEY: b64(env.seeds.root!),
    CUSTOS_BTC_MAX_TARGET: '207fffff',
  };
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
  readonly seeds: EvidenceKeySeeds;
  readonly service: EvidenceService;
  readonly sites: SeededSite[];
  /** Another service on its own connection pool (a second worker), same keys, store and database. */
  secondWriter(overrides?: Partial<EvidenceServiceDeps>): EvidenceService;
  close(): Promise<void>;
}

/**
 * pg's Pool.end() returns before its sockets are closed; dropping the database then terminates them
 * and the closing clients report an unhandled error. Wait until the server has let them go.
 */
async function backendsGone(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
      if (Number(rows[0]!.n) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await admin.end();
  }
}

export const EVIDENCE_TEST_BUCKET = 'custos-evidence-test';

export async function evidenceTestEnv(label: string, opts: { sites?: number; clients?: number; trust?: Partial<TrustSettings>; store?: MinioObjectStore; poolSize?: number } = {}): Promise<EvidenceTestEnv> {
  const scratch = await createTestDatabase(label);
  const db = connectDatabase(scratch.url, { max: opts.poolSize ?? 10 });
  await migrateToLatest(db);
  await ensureLockedBucket(s3Client(), EVIDENCE_TEST_BUCKET);
  const prefix = `t-${randomUUID().slice(0, 12)}/`;
  const store = opts.store ?? stackStore(EVIDENCE_TEST_BUCKET, prefix);
  const seeds = randomSeeds();
  const keys = evidenceKeys(seeds);
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
    prefix: opts.store ? '' : prefix,
    keys,
    seeds,
    service,
    sites,
    secondWriter(overrides = {}) {
      const pool = connectDatabase(scratch.url, { max: opts.poolSize ?? 10 });
      extraPools.push(pool);
      return new EvidenceService({ ...base, db: pool, ...overrides });
    },
    async close() {
      for (const p of extraPools) await p.destroy();
      await db.destroy();
      await backendsGone(scratch.url, scratch.name);
      await scratch.drop();
    },
  };
}
