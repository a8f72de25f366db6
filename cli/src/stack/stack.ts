import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadStackConfig, type StackConfig } from './stack-config.js';
import { stackPaths } from './paths.js';
import { postgresService, type PostgresEndpoint } from './postgres-service.js';
import { s3Service, type S3Endpoint } from './s3-service.js';
import { temporalService, type TemporalEndpoint } from './temporal-service.js';
import type { ServiceStatus, StackContext } from './service.js';
import { isLoopbackHost } from './net.js';
import { ensureVenv } from './python-venv.js';

/** What a running stack offers, written to `.stack/stack.json` for tests and platform processes. */
export interface StackEndpoints {
  temporal: TemporalEndpoint;
  postgres: PostgresEndpoint;
  s3: S3Endpoint;
}

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  forceLocalPostgres?: boolean;
  progress?: (line: string) => void;
}

export function stackContext(options: StackOptions = {}): StackContext {
  const env = options.env ?? process.env;
  const config: StackConfig = loadStackConfig(env);
  const paths = stackPaths(config.stackDir);
  return {
    config,
    paths,
    databaseUrlExplicit: Boolean(env.DATABASE_URL),
    forceLocalPostgres: options.forceLocalPostgres ?? false,
    progress: options.progress ?? (() => undefined),
  };
}

/** Brings every service up (idempotent) and returns where they answer. */
export async function stackUp(options: StackOptions = {}): Promise<{ endpoints: StackEndpoints; statuses: ServiceStatus[] }> {
  const ctx = stackContext(options);
  for (const dir of [ctx.paths.root, ctx.paths.logs, ctx.paths.pids]) mkdirSync(dir, { recursive: true });
  // pip runs synchronously (it would stall every probe's timers), so install before starting anything.
  if (isLoopbackHost(ctx.config.temporalAddress.host) || isLoopbackHost(ctx.config.s3Endpoint.hostname)) {
    ensureVenv(ctx.paths.venv, ctx.progress);
  }
  const [temporal, pg, s3] = await Promise.all([temporalService.up(ctx), postgresService.up(ctx), s3Service.up(ctx)]);
  const endpoints: StackEndpoints = { temporal: temporal.endpoint, postgres: pg.endpoint, s3: s3.endpoint };
  writeFileSync(ctx.paths.stateFile, JSON.stringify(endpoints, null, 2) + '\n', { mode: 0o600 });
  return { endpoints, statuses: [temporal.status, pg.status, s3.status] };
}

/** Stops what `up` started (by recorded pid) and nothing else. Returns the names it stopped. */
export async function stackDown(options: StackOptions = {}): Promise<string[]> {
  const ctx = stackContext(options);
  const stopped: string[] = [];
  for (const service of [s3Service, temporalService, postgresService]) {
    if (await service.down(ctx)) stopped.push(service.name);
  }
  rmSync(ctx.paths.stateFile, { force: true });
  return stopped;
}

export async function stackStatus(options: StackOptions = {}): Promise<ServiceStatus[]> {
  const ctx = stackContext(options);
  return Promise.all([temporalService.status(ctx), postgresService.status(ctx), s3Service.status(ctx)]);
}

/** Endpoints recorded by the last `up`, if the stack was brought up from this checkout. */
export function recordedEndpoints(options: StackOptions = {}): StackEndpoints | undefined {
  const ctx = stackContext(options);
  if (!existsSync(ctx.paths.stateFile)) return undefined;
  return JSON.parse(readFileSync(ctx.paths.stateFile, 'utf8')) as StackEndpoints;
}
