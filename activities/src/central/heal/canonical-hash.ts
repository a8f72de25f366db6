import { createHash } from 'node:crypto';
import { canonicalJson } from '@custos/evidence';

/**
 * Lower-case hex SHA-256 of the RFC 8785 (JCS) form of a value: what approvals of plans and of
 * promoted rules are bound to. Floats are allowed (confidences, success rates); JCS fixes their form.
 */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value, { allowFloats: true }), 'utf8').digest('hex');
}
