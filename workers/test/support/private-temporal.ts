/**
 * A Temporal dev server owned by one test: the stack's CLI binary on free loopback ports with its own
 * SQLite file, so the test may stop and restart it without touching the shared stack's server.
 * Restarting keeps the same ports and database file: what was persisted must still be there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '@custos/core';
import { vars } from '@custos/core/config';
import { parsePayloadKeys } from '@custos/core/codec';
import { payloadDataConverter } from '@custos/runtime';
import { freePort, type TemporalTestConnections } from '@custos/testkit';

const BINARY = path.resolve(import.meta.dirname, '../../../.stack/venv/bin/temporal');
const NAMESPACE = 'custos';


export interface PrivateTemporal {
  address: string;
  connections(): Promise<TemporalTestConnections>;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
}

export async function startPrivateTemporal(): Promise<PrivateTemporal> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-temporal-'));
  const [port, httpPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const address = `127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const ready = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const c = await Connection.connect({ address, connectTimeout: 1000 });
        try {
          await c.workflowService.describeNamespace({ namespace: NAMESPACE });
          return;
        } finally {
          await c.close();
        }
      } catch (err) {
        if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`private Temporal dev server exited with ${child.exitCode}`, { cause: err });
        if (Date.now() > deadline) throw new Error(`private Temporal dev server did not answer on ${address}`, { cause: err });
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };

  const server: PrivateTemporal = {
    address,
    async start() {
      const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort), '--metrics-port', String(metricsPort)];
      args.push('--db-filename', path.join(dir, 'temporal.db'), '--namespace', NAMESPACE, '--log-level', 'error');
      for (const key of ALL_SEARCH_ATTRIBUTES) args.push('--search-attribute', searchAttributeFlag(key));
      child = spawn(BINARY, args, { stdio: 'ignore' });
      exited = new Promise((resolve) => child!.once('exit', () => resolve()));
      await ready();
    },
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async connections() {
      const dataConverter = payloadDataConverter(parsePayloadKeys(vars.payloadKeys.devDefault!));
      const connection = await Connection.connect({ address });
      const workerConnection = await NativeConnection.connect({ address });
      return {
        client: new Client({ connection, namespace: NAMESPACE, dataConverter, identity: 'custos-test' }),
        workerConnection,
        namespace: NAMESPACE,
        dataConverter,
        async close() {
          await connection.close();
          await workerConnection.close();
        },
      };
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
