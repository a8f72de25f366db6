import type { ParamMatcher } from '@sveltejs/kit';

/** Workflow ids as Custos makes them (`heal:<site>:…`, `scan:<site>:…`): printable, no slashes, bounded. */
export const match: ParamMatcher = (param) => /^[A-Za-z0-9._:@+=-]{1,200}$/.test(param);
