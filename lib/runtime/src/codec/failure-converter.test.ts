import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ApplicationFailure, defaultPayloadConverter, type FailureConverter } from '@temporalio/common';
import { FAILURE_CONVERTER_PATH } from './data-converter.js';
import { AesGcmPayloadCodec } from './aes-gcm-codec.js';

const { failureConverter } = createRequire(import.meta.url)(FAILURE_CONVERTER_PATH) as { failureConverter: FailureConverter };

describe('failure converter', () => {
  it('moves the message and stack into an encoded payload, which the codec then encrypts', async () => {
    const failure = failureConverter.errorToFailure(ApplicationFailure.create({ message: 'WinRM said: C:\\Users\\jsmith denied', type: 'ScriptError' }), defaultPayloadConverter);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    const [encrypted] = await new AesGcmPayloadCodec([{ id: 'k', key: new Uint8Array(32).fill(3) }]).encode([failure.encodedAttributes!]);
    expect(Buffer.from(encrypted!.data!).includes('jsmith')).toBe(false);
    const back = failureConverter.failureToError(failure, defaultPayloadConverter);
    expect(back.message).toBe('WinRM said: C:\\Users\\jsmith denied');
  });
});
