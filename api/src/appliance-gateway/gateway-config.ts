import { readFileSync } from 'node:fs';
import { ConfigError, ConfigErrors, defineConfig, vars } from '@custos/core/config';
import type { UpstreamConfig } from './upstream.js';

export const loadGatewayConfig = defineConfig([
  'env',
  'logLevel',
  'databaseUrl',
  'temporalAddress',
  'temporalNamespace',
  'temporalTls',
  'temporalTlsCaPath',
  'temporalTlsCertPath',
  'temporalTlsKeyPath',
  'temporalApiKey',
  'gatewayListen',
  'gatewayTlsCertPath',
  'gatewayTlsKeyPath',
]);
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

const hostPort = (a: { host: string; port: number }) => `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;

/** Reads the certificate files; the gateway never listens without TLS (appliance tokens travel in its headers). */
export function gatewayOptionsFromConfig(config: GatewayConfig): { listen: string; tls: { certPem: Buffer; keyPem: Buffer }; upstream: UpstreamConfig } {
  const problems: ConfigError[] = [];
  const read = (path: string | undefined, v: { name: string }) => {
    if (!path) {
      problems.push(new ConfigError(v.name, 'is required to run the appliance gateway (it only listens over TLS)'));
      return Buffer.alloc(0);
    }
    try {
      return readFileSync(path);
    } catch (err) {
      problems.push(new ConfigError(v.name, `cannot be read: ${(err as Error).message}`));
      return Buffer.alloc(0);
    }
  };
  const certPem = read(config.gatewayTlsCertPath, vars.gatewayTlsCertPath);
  const keyPem = read(config.gatewayTlsKeyPath, vars.gatewayTlsKeyPath);
  if (problems.length > 0) throw new ConfigErrors(problems);
  return {
    listen: hostPort(config.gatewayListen),
    tls: { certPem, keyPem },
    upstream: {
      address: hostPort(config.temporalAddress),
      tls: config.temporalTls ? { caPath: config.temporalTlsCaPath, certPath: config.temporalTlsCertPath, keyPath: config.temporalTlsKeyPath } : undefined,
      apiKey: config.temporalApiKey,
    },
  };
}
