import { defineConfig } from '@custos/core/config';

/** The dashboard server's configuration, read from the environment once (fails naming every bad variable). */
export const loadWebConfig = defineConfig([
  'env',
  'logLevel',
  'webPort',
  'bindHost',
  'apiPort',
  'webApiUrl',
  'webPublicUrl',
  'databaseUrl',
  'temporalAddress',
  'temporalNamespace',
  'temporalTls',
  'temporalTlsCaPath',
  'temporalTlsCertPath',
  'temporalTlsKeyPath',
  'temporalApiKey',
  'payloadKeys',
  'runbooksDir',
  's3Endpoint',
  's3Region',
  's3AccessKey',
  's3SecretKey',
  's3EvidenceBucket',
  'evidencePrefix',
]);

export type WebConfig = ReturnType<typeof loadWebConfig>;

let loaded: WebConfig | undefined;

export function webConfig(): WebConfig {
  loaded ??= loadWebConfig(process.env);
  return loaded;
}

/** The dashboard's public origin, which browser form posts must come from. */
export function webOrigin(config: WebConfig): string {
  if (config.webPublicUrl) return config.webPublicUrl.origin;
  const host = config.bindHost === '0.0.0.0' || config.bindHost === '::' ? '127.0.0.1' : config.bindHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.webPort}`;
}

/** Base URL of the Central API as the dashboard server reaches it. */
export function apiBaseUrl(config: WebConfig): string {
  if (config.webApiUrl) return config.webApiUrl.toString().replace(/\/$/, '');
  const host = config.bindHost === '0.0.0.0' || config.bindHost === '::' ? '127.0.0.1' : config.bindHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.apiPort}`;
}
