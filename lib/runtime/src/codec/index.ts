export { AesGcmPayloadCodec, PayloadDecryptionError } from './aes-gcm-codec.js';
export { payloadDataConverter, dataConverterFromConfig, payloadKeysFromConfig, FAILURE_CONVERTER_PATH, PAYLOAD_CODEC_CONFIG_KEYS } from './data-converter.js';
