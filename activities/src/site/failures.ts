/** Turns appliance-side errors into ApplicationFailures with a type from the core catalogue. */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import { ParamsError } from '@custos/runbooks';
import { WinrmError } from '@custos/winrm';
import { NoCredentialError } from './directory/credential-vault.js';
import { DirectoryUnavailable } from './directory/site-directory.js';

export function toFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof WinrmError) return ApplicationFailure.create({ type: err.failureType, nonRetryable: !err.retryable, message: err.message, cause: err });
  if (err instanceof NoCredentialError) return ApplicationFailure.create({ type: FailureType.AuthRefused, nonRetryable: true, message: err.message });
  if (err instanceof ParamsError) return ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: err.message });
  if (err instanceof DirectoryUnavailable) return ApplicationFailure.create({ type: FailureType.HostUnreachable, nonRetryable: false, message: err.message });
  return err;
}

export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message });
}
