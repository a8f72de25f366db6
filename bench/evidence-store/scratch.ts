import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import * as Minio from 'minio';
import { defineConfig } from '@custos/core/config';
import { connectDatabase, createClient, createPartner, createSite, migrateToLatest } from '@custos/db';
import type { Database } from '@custos/db';

// A throwaway database on the local stack's PostgreSQL and a reused locked bucket on its SeaweedFS,
// so the benchmark writes through exactly the production path without touching anyone's data.

const loadConfig = defineConfig(['env', 'databaseUrl', 's3Endpoint', 's3Region', 's3AccessKey', 's3SecretKey']);
export type BenchConfig = ReturnType<typeof loadConfig>;

export interface Scratch {
  readonly config: BenchConfig;
  readonly db: Kysely<Database>;
  readonly sites: string[];
  readonly bucket: string;
  readonly prefix: string;
  close(): Promise<void>;
}

function withDatabase(url: URL, name: string): URL {
  const u = new URL(url.toString());
  u.pathname = `/${name}`;
  return u;
}

export async function scratch(siteCount: number): Promise<Scratch> {
  const config = loadConfig(process.env);
  const name = `custos_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: withDatabase(config.databaseUrl, 'postgres').toString() });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const db = connectDatabase(withDatabase(config.databaseUrl, name), { max: 10 });
  await migrateToLatest(db);
  const scope = { kind: 'platform' } as const;
  const partner = await createPartner(db, scope, { name: 'Bench MSP', slug: `bench-${name.slice(-8)}` });
  const client = (await createClient(db, scope, { partnerId: partner.id, name: 'Bench practice' }))!;
  const sites: string[] = [];
  for (let i = 0; i < siteCount; i++) sites.push((await createSite(db, scope, { clientId: client.id, name: `Bench site ${i}` }))!.id);

  const bucket = 'custos-evidence-bench';
  const s3 = new Minio.Client({ endPoint: config.s3Endpoint.hostname, port: Number(config.s3Endpoint.port || 80), useSSL: config.s3Endpoint.protocol === 'https:', accessKey: config.s3AccessKey, secretKey: config.s3SecretKey, region: config.s3Region });
  if (!(await s3.bucketExists(bucket))) await s3.makeBucket(bucket, config.s3Region, { ObjectLocking: true });
  return {
    config,
    db,
    sites,
    bucket,
    prefix: `b-${name.slice(-8)}/`,
    async close() {
      await db.destroy();
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
        if (Number(rows[0]!.n) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.query(`drop database if exists "${name}"`);
      await admin.end();
    },
  };
}
