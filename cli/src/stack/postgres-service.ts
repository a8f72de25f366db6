import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { waitUntil } from './net.js';
import { runningPid, startDaemon, stopDaemon, tailFile } from './daemon.js';
import { StackError } from './stack-error.js';
import type { StackContext, StackService } from './service.js';

export interface PostgresEndpoint {
  /** The URL processes should use (the app database, created if missing). */
  databaseUrl: string;
}

const NAME = 'postgres';

function describe(url: URL): string {
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

async function connectError(url: URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The same server's maintenance database, which always exists (the app database may not yet). */
function adminUrlOf(url: URL): URL {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin;
}

/** Creates the app database on the server if it is missing. */
async function ensureDatabase(url: URL): Promise<void> {
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'custos';
  const client = new pg.Client({ connectionString: adminUrlOf(url).toString(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (found.rowCount === 0) await client.query(`create database "${dbName.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

function files(ctx: StackContext) {
  return {
    pidFile: path.join(ctx.paths.pids, 'postgres.pid'),
    logFile: path.join(ctx.paths.logs, 'postgres.log'),
    dataDir: path.join(ctx.paths.postgresDir, 'data'),
    socketDir: path.join(ctx.paths.postgresDir, 'socket'),
  };
}

function localUrl(ctx: StackContext): URL {
  return new URL(`postgresql://postgres@127.0.0.1:${ctx.config.localPgPort}/custos`);
}

/** The distribution's PostgreSQL binaries; installed with apt when missing (as Debian packages them). */
function postgresBinDir(ctx: StackContext): string {
  const find = () => {
    const base = '/usr/lib/postgresql';
    if (!existsSync(base)) return undefined;
    const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    return versions[0] && path.join(base, versions[0], 'bin');
  };
  const found = find();
  if (found) return found;
  ctx.progress('installing PostgreSQL from the distribution (apt-get install postgresql)');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    const r = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new StackError(NAME, `apt-get ${args.join(' ')} failed (run as root?)`, (r.stderr || r.error?.message || '').trim().split('\n').slice(-6).join('\n'));
  }
  const installed = find();
  if (!installed) throw new StackError(NAME, 'apt installed postgresql but no initdb was found under /usr/lib/postgresql');
  return installed;
}

/** initdb refuses to run as root: run the server binaries as the `postgres` system user then. */
function asServiceUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function startLocalCluster(ctx: StackContext): Promise<number> {
  const { pidFile, logFile, dataDir, socketDir } = files(ctx);
  const existing = runningPid(pidFile);
  if (existing !== undefined) return existing;
  const port = ctx.config.localPgPort;
  const bin = postgresBinDir(ctx);
  mkdirSync(socketDir, { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });
  if (process.getuid?.() === 0) {
    mkdirSync(ctx.paths.postgresDir, { recursive: true });
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    const uid = Number(ids.stdout.trim());
    const gid = Number(gids.stdout.trim());
    if (!Number.isInteger(uid)) throw new StackError(NAME, 'running as root but there is no `postgres` system user to run the cluster as');
    for (const dir of [ctx.paths.postgresDir, socketDir]) chownSync(dir, uid, gid);
    if (existsSync(dataDir)) chownSync(dataDir, uid, gid);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    ctx.progress(`creating a project-local PostgreSQL cluster in ${dataDir}`);
    const [cmd, args] = asServiceUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new StackError(NAME, `initdb failed`, (r.stderr || r.stdout).trim().split('\n').slice(-6).join('\n'));
  }
  ctx.progress(`starting PostgreSQL on 127.0.0.1:${port}`);
  const [cmd, args] = asServiceUser(path.join(bin, 'postgres'), [
    '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', socketDir,
  ]);
  return startDaemon({ name: NAME, command: cmd, args, logFile, pidFile });
}

/** A local cluster is needed when forced, or when DATABASE_URL is unset and its default does not answer. */
async function needsLocalCluster(ctx: StackContext): Promise<boolean> {
  if (ctx.forceLocalPostgres) return true;
  if (ctx.databaseUrlExplicit) return false;
  return (await connectError(adminUrlOf(ctx.config.databaseUrl))) !== undefined;
}

export const postgresService: StackService<PostgresEndpoint> = {
  name: NAME,

  async claims(ctx) {
    if (runningPid(files(ctx).pidFile) !== undefined || !(await needsLocalCluster(ctx))) return [];
    return [{ host: '127.0.0.1', port: ctx.config.localPgPort, setting: 'CUSTOS_LOCAL_PG_PORT' }];
  },

  async up(ctx) {
    const configured = ctx.config.databaseUrl;
    if (!ctx.forceLocalPostgres) {
      const problem = await connectError(adminUrlOf(configured));
      if (problem === undefined) {
        await ensureDatabase(configured);
        const where = describe(configured);
        return { status: { name: NAME, state: 'external', where }, endpoint: { databaseUrl: configured.toString() } };
      }
      if (ctx.databaseUrlExplicit) {
        throw new StackError(NAME, `DATABASE_URL points at ${describe(configured)}, which does not answer: ${problem}`);
      }
      ctx.progress(`no PostgreSQL answers at ${describe(configured)}; using a project-local cluster`);
    }
    const pid = await startLocalCluster(ctx);
    const url = localUrl(ctx);
    const { logFile, pidFile } = files(ctx);
    const ready = await waitUntil(async () => (await connectError(adminUrlOf(url))) === undefined, 30_000, 250);
    if (!ready.ok) {
      await stopDaemon(pidFile);
      throw new StackError(NAME, `local cluster did not accept connections on 127.0.0.1:${ctx.config.localPgPort} within 30s; log ${logFile}`, tailFile(logFile));
    }
    await ensureDatabase(url);
    return { status: { name: NAME, state: 'running', where: describe(url), pid }, endpoint: { databaseUrl: url.toString() } };
  },

  async down(ctx) {
    return stopDaemon(files(ctx).pidFile);
  },

  async status(ctx) {
    const pid = runningPid(files(ctx).pidFile);
    if (pid !== undefined) {
      const url = localUrl(ctx);
      const problem = await connectError(url);
      return { name: NAME, state: problem ? 'stopped' : 'running', where: describe(url), pid, detail: problem };
    }
    const problem = await connectError(ctx.config.databaseUrl);
    return { name: NAME, state: problem ? 'stopped' : 'external', where: describe(ctx.config.databaseUrl), detail: problem };
  },
};
