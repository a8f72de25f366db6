import { defineConfig, type ConfigOf } from '@custos/core/config';

export const STACK_CONFIG_KEYS = [
  'env',
  'stackDir',
  'temporalAddress',
  'temporalNamespace',
  'temporalHttpPort',
  'temporalUiPort',
  'databaseUrl',
  'localPgPort',
  's3Endpoint',
  's3Region',
  's3AccessKey',
  's3SecretKey',
  's3EvidenceBucket',
  'seaweedMasterPort',
  'seaweedVolumePort',
  'seaweedFilerPort',
] as const;

export type StackConfig = ConfigOf<(typeof STACK_CONFIG_KEYS)[number]>;
export const loadStackConfig = defineConfig(STACK_CONFIG_KEYS);
