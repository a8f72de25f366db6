import { error } from '@sveltejs/kit';
import { mayEnter } from '$lib/models/zones';
import type { LayoutServerLoad } from './$types';

/** The auditor zone: an auditor's own landing page and kit tools. */
export const load: LayoutServerLoad = async ({ parent }) => {
  const { user } = await parent();
  if (!mayEnter(user.role, 'auditor')) error(403, { message: 'This page is for auditors.' });
  return {};
};
