import { defineConfig } from '@custos/core/config';
import { TEMPORAL_CONFIG_KEYS } from '@custos/runtime';

export const loadCentralWorkerConfig = defineConfig(['env', 'logLevel', ...TEMPORAL_CONFIG_KEYS]);
export type CentralWorkerConfig = ReturnType<typeof loadCentralWorkerConfig>;
