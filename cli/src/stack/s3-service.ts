import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Minio from 'minio';
import { isLoopbackHost, waitUntil } from './net.js';
import { runningPid, startDaemon, stopDaemon, tailFile } from './daemon.js';
import { ensureVenv, venvBinary } from './python-venv.js';
import { StackError } from './stack-error.js';
import type { StackContext, StackService } from './service.js';

export interface S3Endpoint {
  endpoint: string;
  region: string;
  bucket: string;
}

const NAME = 's3';
/** SeaweedFS serves gRPC on each HTTP port + 10000 by default; those must be free too. */
const GRPC_OFFSET = 10_000;

function files(ctx: StackContext) {
  return {
    pidFile: path.join(ctx.paths.pids, 'seaweedfs.pid'),
    logFile: path.join(ctx.paths.logs, 'seaweedfs.log'),
    s3Config: path.join(ctx.paths.seaweedDir, 's3-identities.json'),
  };
}

export function minioClientFor(config: StackContext['config']): Minio.Client {
  const url = config.s3Endpoint;
  return new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    useSSL: url.protocol === 'https:',
    accessKey: config.s3AccessKey,
    secretKey: config.s3SecretKey,
    region: config.s3Region,
  });
}

/** minio 8 declares a `void` overload of getObjectLockConfig before the Promise one; pick the Promise. */
function objectLockConfig(client: Minio.Client, bucket: string): Promise<Minio.ObjectLockInfo> {
  return client.getObjectLockConfig(bucket) as unknown as Promise<Minio.ObjectLockInfo>;
}

/** The evidence bucket must exist with Object Lock (hence versioning) on; refuse one without it. */
async function ensureLockedBucket(client: Minio.Client, ctx: StackContext): Promise<void> {
  const bucket = ctx.config.s3EvidenceBucket;
  if (!(await client.bucketExists(bucket))) {
    ctx.progress(`creating bucket ${bucket} with Object Lock`);
    await client.makeBucket(bucket, ctx.config.s3Region, { ObjectLocking: true });
  }
  const lock = await objectLockConfig(client, bucket).catch((err: Error) => {
    throw new StackError(NAME, `bucket ${bucket} has no Object Lock configuration (${err.message}); evidence needs a bucket created with Object Lock`);
  });
  if (lock.objectLockEnabled !== 'Enabled') {
    throw new StackError(NAME, `bucket ${bucket} exists without Object Lock enabled; evidence needs a bucket created with Object Lock`);
  }
  const versioning = await client.getBucketVersioning(bucket);
  if (versioning.Status !== 'Enabled') throw new StackError(NAME, `bucket ${bucket} has versioning ${versioning.Status ?? 'off'}; Object Lock requires it enabled`);
}

function seaweedArgs(ctx: StackContext, host: string, s3Port: number, s3Config: string): string[] {
  const c = ctx.config;
  return [
    'server',
    `-ip=${host}`,
    `-ip.bind=${host}`,
    `-dir=${ctx.paths.seaweedDir}`,
    `-master.port=${c.seaweedMasterPort}`,
    `-master.dir=${path.join(ctx.paths.seaweedDir, 'master')}`,
    // Each bucket gets its own collection; the default slots run out after a few buckets (evidence.md §6.5).
    '-master.volumeSizeLimitMB=64',
    '-volume.max=300',
    `-volume.port=${c.seaweedVolumePort}`,
    '-filer',
    `-filer.port=${c.seaweedFilerPort}`,
    '-s3',
    `-s3.port=${s3Port}`,
    `-s3.config=${s3Config}`,
    // Catalogue servers we do not use would otherwise bind 8181 and 9101 as well.
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
  ];
}

export const s3Service: StackService<S3Endpoint> = {
  name: NAME,

  async claims(ctx) {
    const url = ctx.config.s3Endpoint;
    if (!isLoopbackHost(url.hostname) || runningPid(files(ctx).pidFile) !== undefined) return [];
    const c = ctx.config;
    const named: [number, string][] = [
      [Number(url.port || 80), 'S3_ENDPOINT'],
      [c.seaweedMasterPort, 'CUSTOS_SEAWEED_MASTER_PORT'],
      [c.seaweedVolumePort, 'CUSTOS_SEAWEED_VOLUME_PORT'],
      [c.seaweedFilerPort, 'CUSTOS_SEAWEED_FILER_PORT'],
    ];
    return named.flatMap(([port, setting]) => [
      { host: url.hostname, port, setting },
      { host: url.hostname, port: port + GRPC_OFFSET, setting: `${setting} (its gRPC port is +${GRPC_OFFSET})` },
    ]);
  },

  async up(ctx) {
    const url = ctx.config.s3Endpoint;
    const endpoint = { endpoint: url.origin, region: ctx.config.s3Region, bucket: ctx.config.s3EvidenceBucket };
    const client = minioClientFor(ctx.config);
    const host = url.hostname;
    const s3Port = Number(url.port || 80);
    const { pidFile, logFile, s3Config } = files(ctx);

    if (!isLoopbackHost(host)) {
      await client.listBuckets().catch((err: Error) => {
        throw new StackError(NAME, `S3 at ${url.origin} (S3_ENDPOINT) does not answer: ${err.message}`);
      });
      await ensureLockedBucket(client, ctx);
      return { status: { name: NAME, state: 'external', where: url.origin }, endpoint };
    }

    let pid = runningPid(pidFile);
    if (pid === undefined) {
      const c = ctx.config;
      ensureVenv(ctx.paths.venv, ctx.progress);
      mkdirSync(path.join(ctx.paths.seaweedDir, 'master'), { recursive: true });
      writeFileSync(
        s3Config,
        JSON.stringify({
          identities: [
            {
              name: 'custos',
              credentials: [{ accessKey: c.s3AccessKey, secretKey: c.s3SecretKey }],
              actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
            },
          ],
        }),
        { mode: 0o600 },
      );
      ctx.progress(`starting SeaweedFS S3 gateway on ${url.origin}`);
      pid = startDaemon({ name: NAME, command: venvBinary(ctx.paths.venv, 'weed'), args: seaweedArgs(ctx, host, s3Port, s3Config), logFile, pidFile });
    }
    const ready = await waitUntil(async () => {
      if (runningPid(pidFile) === undefined) throw new Error('SeaweedFS exited');
      await client.listBuckets();
      return true;
    }, 60_000, 300);
    if (!ready.ok) {
      await stopDaemon(pidFile);
      throw new StackError(NAME, `SeaweedFS S3 did not answer on ${url.origin} within 60s (${String(ready.lastError)}); log ${logFile}`, tailFile(logFile));
    }
    // Right after start the filer may still refuse writes; retry bucket creation briefly.
    const bucketReady = await waitUntil(async () => {
      await ensureLockedBucket(client, ctx);
      return true;
    }, 30_000, 500);
    if (!bucketReady.ok) {
      const err = bucketReady.lastError;
      if (err instanceof StackError) throw err;
      throw new StackError(NAME, `cannot prepare bucket ${ctx.config.s3EvidenceBucket}: ${String(err)}`, tailFile(logFile));
    }
    return { status: { name: NAME, state: 'running', where: url.origin, pid }, endpoint };
  },

  async down(ctx) {
    return stopDaemon(files(ctx).pidFile, 15_000);
  },

  async status(ctx) {
    const pid = runningPid(files(ctx).pidFile);
    const where = ctx.config.s3Endpoint.origin;
    const problem = await minioClientFor(ctx.config)
      .listBuckets()
      .then(() => undefined)
      .catch((err: Error) => err.message);
    if (pid !== undefined) return { name: NAME, state: problem ? 'stopped' : 'running', where, pid, detail: problem };
    return { name: NAME, state: problem ? 'stopped' : 'external', where, detail: problem };
  },
};
