export { buildApp, REDACT, type AppOptions } from './app.js';
export { loadApiConfig, type ApiConfig } from './config.js';
export type { ApiDeps } from './deps.js';
export { temporalGateway, DecisionRefused, WorkflowMissing, type GatewayOptions, type WorkflowGateway } from './temporal/gateway.js';
export { ACTIONS, type Action } from './auth/policy.js';
export { hashPassword } from './auth/passwords.js';
export { deliveryAad } from './routes/appliance-protocol.js';
