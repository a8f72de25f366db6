import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '@custos/core';

/** Bad workflow input: fails the run at once (retrying the same input cannot help). */
export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message });
}
