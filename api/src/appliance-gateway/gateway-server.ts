/**
 * The appliance gateway: a gRPC server over TLS that speaks Temporal's WorkflowService to appliance
 * workers and forwards only what policy.ts allows to the real frontend. Temporal authorises per
 * namespace; this is where "an appliance may touch only its own site's queue" is enforced.
 */
import grpc from '@grpc/grpc-js';
import type { Kysely } from 'kysely';
import { purgeExpiredDeliveredTasks, type Database } from '@custos/db';
import { handleCall } from './gateway-call.js';
import { GatewayRefusal } from './refusal.js';
import { RefusalAudit, type GatewayLogger } from './refusal-audit.js';
import { TaskLedger } from './task-ledger.js';
import { Upstream, type UpstreamConfig } from './upstream.js';
import { WORKFLOW_SERVICE_METHODS, methodPath } from './wire.js';

export interface ApplianceGatewayOptions {
  db: Kysely<Database>;
  upstream: UpstreamConfig;
  namespace: string;
  /** PEM certificate chain and key the gateway presents. */
  tls: { certPem: string | Buffer; keyPem: string | Buffer };
  /** host:port to listen on (port 0 picks one). */
  listen: string;
  logger: GatewayLogger;
}

export interface ApplianceGateway {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE = 16 * 1024 * 1024;
const PURGE_EVERY_MS = 10 * 60_000;
const raw = (b: Buffer) => b;

export async function startApplianceGateway(options: ApplianceGatewayOptions): Promise<ApplianceGateway> {
  const upstream = new Upstream(options.upstream);
  const deps = {
    db: options.db,
    upstream,
    ledger: new TaskLedger(options.db),
    audit: new RefusalAudit(options.db, options.logger),
    logger: options.logger,
    policy: { namespace: options.namespace },
  };
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE, 'grpc.max_send_message_length': MAX_MESSAGE });
  // Every WorkflowService method is registered, so a refused one gets a clear PERMISSION_DENIED
  // rather than UNIMPLEMENTED; other services (operator, health) are simply not served.
  const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of WORKFLOW_SERVICE_METHODS) {
    definition[method] = {
      path: methodPath(method),
      requestStream: false,
      responseStream: false,
      requestSerialize: raw,
      requestDeserialize: raw,
      responseSerialize: raw,
      responseDeserialize: raw,
    };
    implementation[method] = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      handleCall(deps, method, call).then(
        (response) => callback(null, response),
        (err: unknown) => {
          if (err instanceof GatewayRefusal) return callback(err.toServiceError());
          const e = err as Partial<grpc.ServiceError>;
          if (typeof e.code === 'number') return callback(e); // Temporal's own answer, passed through
          options.logger.error({ err, method }, 'appliance gateway call failed');
          callback({ code: grpc.status.INTERNAL, details: 'appliance gateway: internal error' });
        },
      );
    };
  }
  server.addService(definition as grpc.ServiceDefinition, implementation);
  const credentials = grpc.ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(options.tls.certPem), private_key: Buffer.from(options.tls.keyPem) }], false);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(options.listen, credentials, (err, p) => (err ? reject(err) : resolve(p))));
  const purge = setInterval(() => {
    purgeExpiredDeliveredTasks(options.db, new Date()).catch((err: unknown) => options.logger.error({ err }, 'purging expired task bindings failed'));
  }, PURGE_EVERY_MS);
  purge.unref();
  options.logger.info({ port, upstream: options.upstream.address, namespace: options.namespace }, 'appliance gateway listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(purge);
        // Long polls would hold a graceful shutdown for a minute; appliances reconnect and re-poll.
        server.forceShutdown();
        upstream.close();
        resolve();
      }),
  };
}
