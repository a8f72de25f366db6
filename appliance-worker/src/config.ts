import { defineConfig } from '@custos/core/config';
import { APPLIANCE_GATEWAY_CONFIG_KEYS, PAYLOAD_CODEC_CONFIG_KEYS, TEMPORAL_CONFIG_KEYS } from '@custos/runtime';

export const loadApplianceConfig = defineConfig([
  'env',
  'logLevel',
  'siteId',
  ...TEMPORAL_CONFIG_KEYS,
  ...PAYLOAD_CODEC_CONFIG_KEYS,
  ...APPLIANCE_GATEWAY_CONFIG_KEYS,
  'apiPublicUrl',
  'applianceId',
  'applianceToken',
  'applianceKeyPath',
  'applianceLabAdminUrl',
  'applianceStateDir',
  'runbooksDir',
  'winrmConcurrency',
  'workerShutdownGraceSeconds',
]);
export type ApplianceConfig = ReturnType<typeof loadApplianceConfig>;
