import { inject } from 'vitest';
import type { StackEndpoints } from '@custos/cli/stack';

/** Endpoints of the running local stack (integration tests only; see global-setup.ts). */
export function stackEndpoints(): StackEndpoints {
  const stack = inject('stack');
  if (!stack) throw new Error('no stack endpoints: this helper is for *.int.test.ts files in the integration project');
  return stack;
}
