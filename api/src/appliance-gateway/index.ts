export { startApplianceGateway, type ApplianceGateway, type ApplianceGatewayOptions } from './gateway-server.js';
export { RULES, notAllowed, stampedIdentity, type ApplianceCaller } from './policy.js';
export { loadGatewayConfig, gatewayOptionsFromConfig, type GatewayConfig } from './gateway-config.js';
export type { GatewayLogger } from './refusal-audit.js';
export type { UpstreamConfig } from './upstream.js';
