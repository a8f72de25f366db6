import { defineConfig } from '@custos/core/config';
import { PAYLOAD_CODEC_CONFIG_KEYS, TEMPORAL_CONFIG_KEYS } from '@custos/runtime';
import { NOTIFY_CONFIG_KEYS, PLANNER_CONFIG_KEYS } from '@custos/activities/central';
import { EVIDENCE_CONFIG_KEYS } from '@custos/activities/evidence';

export const loadCentralWorkerConfig = defineConfig([
  'env',
  'logLevel',
  ...TEMPORAL_CONFIG_KEYS,
  ...PAYLOAD_CODEC_CONFIG_KEYS,
  ...PLANNER_CONFIG_KEYS,
  ...NOTIFY_CONFIG_KEYS,
  ...EVIDENCE_CONFIG_KEYS,
  'databaseUrl',
  'runbooksDir',
  'scanBatchHosts',
  'scanParallelBatches',
  'workerShutdownGraceSeconds',
]);
export type CentralWorkerConfig = ReturnType<typeof loadCentralWorkerConfig>;
