import type { DataConverter } from '@temporalio/common';
import { vars } from '@custos/core/config';
import { payloadDataConverter } from '@custos/runtime';
import { parsePayloadKeys } from '@custos/core/codec';

/**
 * The data converter integration tests use: the production codec under the development keyring,
 * so every test history on the shared dev server is encrypted exactly as in production.
 */
export function testDataConverter(): DataConverter {
  return payloadDataConverter(parsePayloadKeys(vars.payloadKeys.devDefault!));
}
