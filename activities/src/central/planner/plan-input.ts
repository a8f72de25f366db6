import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import type { L2PlanInput } from './contract.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const HOST_KINDS = ['domain_controller', 'server', 'workstation'];

/** A malformed input is a workflow bug: refuse it, non-retryably, naming the field. */
export function checkPlanInput(input: L2PlanInput): void {
  const problems: string[] = [];
  const text = (name: keyof L2PlanInput) => {
    const v = input?.[name];
    if (typeof v !== 'string' || v.length === 0 || v.length > 300) problems.push(`${name} must be a non-empty string of at most 300 characters`);
  };
  if (input === null || typeof input !== 'object') problems.push('input must be an object');
  else {
    for (const f of ['healId', 'siteId', 'hostId', 'findingId', 'runbookId'] as const) text(f);
    if (!Number.isInteger(input.runbookVersion) || input.runbookVersion < 1) problems.push('runbookVersion must be a positive integer');
    if (input.status !== 'fail' && input.status !== 'error') problems.push('status must be "fail" or "error"');
    if (!SEVERITIES.includes(input.severity)) problems.push(`severity must be one of ${SEVERITIES.join(', ')}`);
    if (input.hostKind !== undefined && !HOST_KINDS.includes(input.hostKind)) problems.push(`hostKind must be one of ${HOST_KINDS.join(', ')}`);
    if (input.hostFacts !== undefined && (input.hostFacts === null || typeof input.hostFacts !== 'object' || Array.isArray(input.hostFacts))) {
      problems.push('hostFacts must be an object');
    }
    if (input.maxAttempts !== undefined && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1)) problems.push('maxAttempts must be a positive integer');
  }
  if (problems.length > 0) {
    throw ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: `planL2 input: ${problems.join('; ')}` });
  }
}
