export { ConfigError, type EnvVar, type HostPort } from './env-var.js';
export { vars, type VarKey } from './variables.js';
export { defineConfig, renderEnvExample, renderConfigTable, ConfigErrors, type ConfigOf } from './define-config.js';
