import { readFileSync } from 'node:fs';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { ConfigOf } from '@custos/core/config';

export type TemporalConfig = ConfigOf<
  'temporalAddress' | 'temporalNamespace' | 'temporalTls' | 'temporalTlsCaPath' | 'temporalTlsCertPath' | 'temporalTlsKeyPath' | 'temporalApiKey'
>;

export const TEMPORAL_CONFIG_KEYS = [
  'temporalAddress',
  'temporalNamespace',
  'temporalTls',
  'temporalTlsCaPath',
  'temporalTlsCertPath',
  'temporalTlsKeyPath',
  'temporalApiKey',
] as const;

function address(config: TemporalConfig): string {
  const { host, port } = config.temporalAddress;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function tls(config: TemporalConfig) {
  if (!config.temporalTls) return undefined;
  const read = (p: string | undefined) => (p ? readFileSync(p) : undefined);
  const cert = read(config.temporalTlsCertPath);
  const key = read(config.temporalTlsKeyPath);
  return {
    serverRootCACertificate: read(config.temporalTlsCaPath),
    clientCertPair: cert && key ? { crt: cert, key } : undefined,
  };
}

export function clientConnectionOptions(config: TemporalConfig): ConnectionOptions {
  return { address: address(config), tls: tls(config), apiKey: config.temporalApiKey };
}

export function nativeConnectionOptions(config: TemporalConfig): NativeConnectionOptions {
  return { address: address(config), tls: tls(config), apiKey: config.temporalApiKey };
}

export const connectClient = (config: TemporalConfig) => Connection.connect(clientConnectionOptions(config));
export const connectNative = (config: TemporalConfig) => NativeConnection.connect(nativeConnectionOptions(config));
