import type { ParamMatcher } from '@sveltejs/kit';

const WORKFLOW_ID = /^[A-Za-z0-9._:@+=-]{1,200}$/;

/** Workflow ids as Custos makes them (`heal:<site>:<finding>`, `scan:<site>:…`): printable, no slashes, bounded. */
export const match: ParamMatcher = (param) => {
  // The matcher may see the segment still percent-encoded (`heal%3A…`).
  try {
    return WORKFLOW_ID.test(decodeURIComponent(param));
  } catch {
    return false;
  }
};
