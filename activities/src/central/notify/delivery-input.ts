import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import type { DeliveryInput } from './contract.js';

const KINDS = ['email', 'webhook', 'chat'];
const PRIORITIES = ['critical', 'high', 'medium', 'low'];

/** A malformed input is a workflow bug: refuse it non-retryably, naming each bad field. */
export function checkDeliveryInput(input: DeliveryInput): void {
  const problems: string[] = [];
  const str = (v: unknown, name: string, max: number) => {
    if (typeof v !== 'string' || v.length === 0 || v.length > max) problems.push(`${name} must be a non-empty string of at most ${max} characters`);
  };
  const c = input?.channel;
  const n = input?.notification;
  if (!c || typeof c !== 'object') problems.push('channel must be an object');
  else {
    str(c.id, 'channel.id', 200);
    str(c.target, 'channel.target', 2000);
    if (!KINDS.includes(c.kind)) problems.push(`channel.kind must be one of ${KINDS.join(', ')}`);
  }
  if (!n || typeof n !== 'object') problems.push('notification must be an object');
  else {
    str(n.id, 'notification.id', 300);
    str(n.event, 'notification.event', 100);
    str(n.title, 'notification.title', 300);
    str(n.summary, 'notification.summary', 5000);
    str(n.occurredAt, 'notification.occurredAt', 40);
    if (!PRIORITIES.includes(n.priority)) problems.push(`notification.priority must be one of ${PRIORITIES.join(', ')}`);
    if (n.facts !== undefined && (n.facts === null || typeof n.facts !== 'object' || Object.values(n.facts).some((v) => typeof v !== 'string'))) {
      problems.push('notification.facts must map names to strings');
    }
  }
  if (input?.maxAttempts !== undefined && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1)) problems.push('maxAttempts must be a positive integer');
  if (problems.length > 0) throw ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: `deliverNotification input: ${problems.join('; ')}` });
}
