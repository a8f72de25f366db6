import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '@custos/core';
import { isLoopbackHost, waitUntil } from './net.js';
import { runningPid, startDaemon, stopDaemon, tailFile } from './daemon.js';
import { ensureVenv, venvBinary } from './python-venv.js';
import { StackError } from './stack-error.js';
import type { ServiceStatus, StackContext, StackService } from './service.js';

export interface TemporalEndpoint {
  address: string;
  namespace: string;
}

const NAME = 'temporal';
const READY_TIMEOUT_MS = 60_000;

function files(ctx: StackContext) {
  return { pidFile: path.join(ctx.paths.pids, 'temporal.pid'), logFile: path.join(ctx.paths.logs, 'temporal.log') };
}

function addressOf(ctx: StackContext): string {
  const { host, port } = ctx.config.temporalAddress;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A real gRPC round trip: system info, then the namespace the platform uses. */
async function answers(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.getSystemInfo({});
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/** Registers any of our search attributes the namespace lacks (a persisted db may predate one). */
async function ensureSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = ALL_SEARCH_ATTRIBUTES.filter((k) => !(k.name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return;
    const { temporal } = await import('@temporalio/proto');
    const typeOf: Record<string, number> = {
      KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    };
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, typeOf[k.type] ?? 0])),
    });
  } finally {
    await connection.close();
  }
}

export const temporalService: StackService<TemporalEndpoint> = {
  name: NAME,

  async claims(ctx) {
    const { host, port } = ctx.config.temporalAddress;
    if (!isLoopbackHost(host) || runningPid(files(ctx).pidFile) !== undefined) return [];
    return [
      { host, port, setting: 'TEMPORAL_ADDRESS' },
      { host, port: ctx.config.temporalHttpPort, setting: 'CUSTOS_TEMPORAL_HTTP_PORT' },
      ...(ctx.config.temporalUiPort > 0 ? [{ host, port: ctx.config.temporalUiPort, setting: 'CUSTOS_TEMPORAL_UI_PORT' }] : []),
    ];
  },

  async up(ctx) {
    const address = addressOf(ctx);
    const namespace = ctx.config.temporalNamespace;
    const endpoint = { address, namespace };
    const { host, port } = ctx.config.temporalAddress;
    const { pidFile, logFile } = files(ctx);

    if (!isLoopbackHost(host)) {
      const ready = await waitUntil(() => answers(address, namespace), 10_000);
      if (!ready.ok) throw new StackError(NAME, `Temporal at ${address} (TEMPORAL_ADDRESS) does not answer: ${String(ready.lastError)}`);
      return { status: { name: NAME, state: 'external', where: address }, endpoint };
    }

    let pid = runningPid(pidFile);
    if (pid === undefined) {
      ensureVenv(ctx.paths.venv, ctx.progress);
      ctx.progress(`starting Temporal dev server on ${address}`);
      const args = ['server', 'start-dev', '--ip', host, '--port', String(port), '--http-port', String(ctx.config.temporalHttpPort)];
      args.push(...(ctx.config.temporalUiPort > 0 ? ['--ui-port', String(ctx.config.temporalUiPort)] : ['--headless']));
      args.push('--db-filename', ctx.paths.temporalDb, '--namespace', namespace, '--log-level', 'warn');
      for (const key of ALL_SEARCH_ATTRIBUTES) args.push('--search-attribute', searchAttributeFlag(key));
      pid = startDaemon({ name: NAME, command: venvBinary(ctx.paths.venv, 'temporal'), args, logFile, pidFile });
    }
    const ready = await waitUntil(async () => {
      if (runningPid(pidFile) === undefined) throw new Error('the dev server exited');
      return answers(address, namespace);
    }, READY_TIMEOUT_MS);
    if (!ready.ok) {
      await stopDaemon(pidFile);
      throw new StackError(NAME, `dev server did not answer on ${address} within ${READY_TIMEOUT_MS / 1000}s (${String(ready.lastError)}); log ${logFile}`, tailFile(logFile));
    }
    await ensureSearchAttributes(address, namespace);
    return { status: { name: NAME, state: 'running', where: address, pid }, endpoint };
  },

  async down(ctx) {
    return stopDaemon(files(ctx).pidFile);
  },

  async status(ctx) {
    const address = addressOf(ctx);
    const pid = runningPid(files(ctx).pidFile);
    const reachable = await answers(address, ctx.config.temporalNamespace).catch(() => false);
    if (pid !== undefined) return { name: NAME, state: reachable ? 'running' : 'stopped', where: address, pid, detail: reachable ? undefined : 'process up but not answering' } as ServiceStatus;
    return { name: NAME, state: reachable ? 'external' : 'stopped', where: address };
  },
};
