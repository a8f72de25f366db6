import { defineConfig } from '@custos/core/config';
import { PAYLOAD_CODEC_CONFIG_KEYS, TEMPORAL_CONFIG_KEYS } from '@custos/runtime';

export const loadApplianceConfig = defineConfig(['env', 'logLevel', 'siteId', ...TEMPORAL_CONFIG_KEYS, ...PAYLOAD_CODEC_CONFIG_KEYS]);
export type ApplianceConfig = ReturnType<typeof loadApplianceConfig>;
