import { createRequire } from 'node:module';
import type { DataConverter } from '@temporalio/common';
import { ConfigError, ConfigErrors, vars } from '@custos/core/config';
import { parsePayloadKeys, PayloadKeyError, type PayloadKey } from '@custos/core/codec';
import { AesGcmPayloadCodec } from './aes-gcm-codec.js';

const require = createRequire(import.meta.url);

/**
 * The failure converter module (by path, as Temporal wants it: the worker requires it and the
 * workflow bundler bundles it). Pass it to `bundleWorkflowCode({ failureConverterPath })` when
 * prebuilding a bundle, so failures raised inside workflows are encrypted too.
 */
export const FAILURE_CONVERTER_PATH: string = require.resolve('@custos/core/codec/failure-converter');

/** Config keys a process needs for `dataConverterFromConfig`. */
export const PAYLOAD_CODEC_CONFIG_KEYS = ['payloadKeys'] as const;

/**
 * The one data converter every Custos process uses with Temporal: worker, client, API and replay.
 * Payloads and failure messages are AES-256-GCM encrypted under the first key; all keys decrypt.
 */
export function payloadDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** From `CUSTOS_PAYLOAD_KEYS`; a malformed keyring is a config error naming the variable (never echoing key bytes). */
export function dataConverterFromConfig(config: { readonly payloadKeys: string }): DataConverter {
  return payloadDataConverter(payloadKeysFromConfig(config));
}

export function payloadKeysFromConfig(config: { readonly payloadKeys: string }): readonly PayloadKey[] {
  try {
    return parsePayloadKeys(config.payloadKeys);
  } catch (err) {
    if (err instanceof PayloadKeyError) throw new ConfigErrors([new ConfigError(vars.payloadKeys.name, err.message)]);
    throw err;
  }
}
