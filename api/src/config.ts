import { defineConfig } from '@custos/core/config';

/** The API's configuration, parsed once at start (fails fast naming every missing variable). */
export const loadApiConfig = defineConfig([
  'env',
  'logLevel',
  'apiPort',
  'bindHost',
  'apiPublicUrl',
  'databaseUrl',
  'credentialKey',
  'credentialPreviousKeys',
  'temporalAddress',
  'temporalNamespace',
  'payloadKeys',
  'runbooksDir',
]);

export type ApiConfig = ReturnType<typeof loadApiConfig>;
