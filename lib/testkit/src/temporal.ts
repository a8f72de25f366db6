import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { stackEndpoints } from './stack.js';
import { testDataConverter } from './codec.js';

export interface TemporalTestConnections {
  client: Client;
  /** For workers (a separate native connection, as in production). */
  workerConnection: NativeConnection;
  namespace: string;
  /** The payload codec the client uses; give the same one to workers and replays. */
  dataConverter: DataConverter;
  close(): Promise<void>;
}

/** Client and worker connections to the stack's real Temporal dev server. Close them in afterAll. */
export async function connectTemporal(identity = 'custos-test', dataConverter: DataConverter = testDataConverter()): Promise<TemporalTestConnections> {
  const { address, namespace } = stackEndpoints().temporal;
  const connection = await Connection.connect({ address });
  const workerConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace, identity, dataConverter }),
    workerConnection,
    namespace,
    dataConverter,
    async close() {
      await connection.close();
      await workerConnection.close();
    },
  };
}

/** A unique name, so concurrent test files never share task queues, site ids or workflow ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
