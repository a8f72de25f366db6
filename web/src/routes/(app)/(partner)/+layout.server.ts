import { error } from '@sveltejs/kit';
import { mayEnter } from '$lib/models/zones';
import type { LayoutServerLoad } from './$types';

/** Partner and client pages: auditors are refused before any data is loaded. */
export const load: LayoutServerLoad = async ({ parent }) => {
  const { user } = await parent();
  if (!mayEnter(user.role, 'partner')) error(403, { message: 'Auditors have read-only access to evidence, histories and the audit log; this page is for partner and client users.' });
  return {};
};
