export { loadConfigOrExit } from './load-config.js';
export { createLogger, type Logger } from './logger.js';
export {
  clientConnectionOptions,
  nativeConnectionOptions,
  connectClient,
  connectNative,
  TEMPORAL_CONFIG_KEYS,
  type TemporalConfig,
} from './temporal-connection.js';
export { installTemporalRuntime } from './temporal-runtime.js';
export { onShutdownSignal } from './shutdown.js';
export {
  AesGcmPayloadCodec,
  PayloadDecryptionError,
  payloadDataConverter,
  dataConverterFromConfig,
  payloadKeysFromConfig,
  FAILURE_CONVERTER_PATH,
  PAYLOAD_CODEC_CONFIG_KEYS,
} from './codec/index.js';
export { applianceConnectionOptions, connectAppliance, APPLIANCE_GATEWAY_CONFIG_KEYS, type ApplianceGatewayConfig } from './appliance-connection.js';
