/**
 * How an appliance worker reaches Temporal. In production it goes through the appliance gateway
 * (CUSTOS_GATEWAY_ADDRESS): TLS to the gateway, verified against CUSTOS_GATEWAY_CA_PATH, and the
 * appliance's enrolment token as its credential (the SDK sends `apiKey` as
 * `authorization: Bearer …`). Without a gateway address it connects directly (local development).
 */
import { readFileSync } from 'node:fs';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, ConfigErrors, vars, type ConfigOf } from '@custos/core/config';
import { nativeConnectionOptions, type TemporalConfig } from './temporal-connection.js';

export const APPLIANCE_GATEWAY_CONFIG_KEYS = ['gatewayAddress', 'gatewayCaPath', 'gatewayServerName', 'applianceToken'] as const;
export type ApplianceGatewayConfig = ConfigOf<(typeof APPLIANCE_GATEWAY_CONFIG_KEYS)[number]>;

export function applianceConnectionOptions(config: TemporalConfig & ApplianceGatewayConfig): NativeConnectionOptions {
  if (!config.gatewayAddress) return nativeConnectionOptions(config);
  const problems: ConfigError[] = [];
  if (!config.applianceToken) problems.push(new ConfigError(vars.applianceToken.name, `is required when ${vars.gatewayAddress.name} is set (it is the appliance's credential at the gateway)`));
  let ca: Buffer | undefined;
  if (config.gatewayCaPath) {
    try {
      ca = readFileSync(config.gatewayCaPath);
    } catch (err) {
      problems.push(new ConfigError(vars.gatewayCaPath.name, `cannot be read: ${(err as Error).message}`));
    }
  }
  if (problems.length > 0) throw new ConfigErrors(problems);
  const { host, port } = config.gatewayAddress;
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    tls: { serverRootCACertificate: ca, serverNameOverride: config.gatewayServerName },
    apiKey: config.applianceToken,
  };
}

export const connectAppliance = (config: TemporalConfig & ApplianceGatewayConfig) => NativeConnection.connect(applianceConnectionOptions(config));
