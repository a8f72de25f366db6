import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadStackConfig, type StackConfig } from './stack-config.js';
import { stackPaths } from './paths.js';
import { postgresService, type PostgresEndpoint } from './postgres-service.js';
import { s3Service, type S3Endpoint } from './s3-service.js';
import { temporalService, type TemporalEndpoint } from './temporal-service.js';
import type { ServiceStatus, StackContext } from './service.js';
import { isLoopbackHost, isPortFree } from './net.js';
import { StackError, StackErrors } from './stack-error.js';
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

const SERVICES = [temporalService, postgresService, s3Service] as const;

/** Fails before starting anything when a port a service needs is taken (first conflict, one line). */
async function checkPortsFree(ctx: StackContext): Promise<void> {
  for (const service of SERVICES) {
    for (const claim of await service.claims(ctx)) {
      if (!(await isPortFree(claim.host, claim.port))) {
        throw new StackError(service.name, `port ${claim.host}:${claim.port} is already in use by another process (change ${claim.setting})`);
      }
    }
  }
}

/** Services whose process this checkout already runs (by recorded pid). */
async function ownRunning(ctx: StackContext): Promise<Set<string>> {
  const statuses = await Promise.all(SERVICES.map((s) => s.status(ctx)));
  return new Set(statuses.filter((s) => s.pid !== undefined).map((s) => s.name));
}

/** Brings every service up (idempotent) and returns where they answer. */
export async function stackUp(options: StackOptions = {}): Promise<{ endpoints: StackEndpoints; statuses: ServiceStatus[] }> {
  const ctx = stackContext(options);
  for (const dir of [ctx.paths.root, ctx.paths.logs, ctx.paths.pids]) mkdirSync(dir, { recursive: true });
  await checkPortsFree(ctx);
  // pip runs synchronously (it would stall every probe's timers), so install before starting anything.
  if (isLoopbackHost(ctx.config.temporalAddress.host) || isLoopbackHost(ctx.config.s3Endpoint.hostname)) {
    ensureVenv(ctx.paths.venv, ctx.progress);
  }
  const startedBefore = await ownRunning(ctx);
  const results = await Promise.allSettled([temporalService.up(ctx), postgresService.up(ctx), s3Service.up(ctx)]);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    // Leave nothing half-started: stop what this call started, then report every failure.
    await stackDown({ ...options, only: (name) => !startedBefore.has(name) });
    throw failures.length === 1 ? failures[0] : new StackErrors(failures);
  }
  const [temporal, pg, s3] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof temporalService.up>>,
    Awaited<ReturnType<typeof postgresService.up>>,
    Awaited<ReturnType<typeof s3Service.up>>,
  ];
  const endpoints: StackEndpoints = { temporal: temporal.endpoint, postgres: pg.endpoint, s3: s3.endpoint };
  writeFileSync(ctx.paths.stateFile, JSON.stringify(endpoints, null, 2) + '\n', { mode: 0o600 });
  return { endpoints, statuses: [temporal.status, pg.status, s3.status] };
}

/**
 * Stops what `up` started (by recorded pid) and nothing else; `only` narrows it further (e.g. to
 * what one `custos start` brought up). Returns the names it stopped.
 */
export async function stackDown(options: StackOptions & { only?: (service: string) => boolean } = {}): Promise<string[]> {
  const ctx = stackContext(options);
  const stopped: string[] = [];
  const services = [...SERVICES].reverse().filter((s) => options.only?.(s.name) ?? true);
  for (const service of services) {
    if (await service.down(ctx)) stopped.push(service.name);
  }
  if (services.length === 3) rmSync(ctx.paths.stateFile, { force: true });
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
