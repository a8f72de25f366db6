import { defineConfig } from '@custos/core/config';

/** The dashboard server's configuration, read from the environment once (fails naming every bad variable). */
export const loadWebConfig = defineConfig([
  'env',
  'logLevel',
  'webPort',
  'bindHost',
  'apiPort',
  'webApiUrl',
  'databaseUrl',
  'temporalAddress',
  'temporalNamespace',
  'temporalTls',
  'temporalTlsCaPath',
  'temporalTlsCertPath',
  'temporalTlsKeyPath',
  'temporalApiKey',
  'payloadKeys',
]);


let loaded: ReturnType<typeof loadWebConfig> | undefined;

export function webConfig(): ReturnType<typeof loadWebConfig> {
  loaded ??= loadWebConfig(process.env);
  return loaded;
}

/** Base URL of the Central API as the dashboard server reaches it. */
export function apiBaseUrl(config: ReturnType<typeof loadWebConfig>): string {
  if (config.webApiUrl) return config.webApiUrl.toString().replace(/\/$/, '');
  const host = config.bindHost === '0.0.0.0' || config.bindHost === '::' ? '127.0.0.1' : config.bindHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.apiPort}`;
}

export type WebConfig = ReturnType<typeof loadWebConfig>;
