// How long evidence is kept. HIPAA 164.316(b)(2)(i): six years from creation (reference/evidence.md
// §6.4), so retain-until is computed per object from its own creation time, never from a bucket
// default that could be changed later.

export type RetentionPolicy = { readonly years: number } | { readonly seconds: number };

/** Creation + policy, in UTC calendar years (a leap day keeps its date: Feb 29 + 1y = Mar 1). */
export function retainUntil(createdAt: Date, policy: RetentionPolicy): Date {
  if ('seconds' in policy) {
    if (!Number.isSafeInteger(policy.seconds) || policy.seconds < 1) throw new RangeError(`retention of ${policy.seconds} seconds is not a positive integer`);
    return new Date(createdAt.getTime() + policy.seconds * 1000);
  }
  if (!Number.isInteger(policy.years) || policy.years < 1 || policy.years > 100) throw new RangeError(`retention of ${policy.years} years is not an integer from 1 to 100`);
  const d = new Date(createdAt.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + policy.years);
  return d;
}
