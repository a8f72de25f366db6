import { workflowSegment } from '$lib/models/format';
import { redirect } from '@sveltejs/kit';
import { authoriseRun } from '$lib/server/temporal/run-access';
import type { PageServerLoad } from './$types';

/** A workflow id alone opens its latest run. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { description } = await authoriseRun(locals.user!, locals.api, params.workflowId);
  redirect(303, `/workflows/${workflowSegment(params.workflowId)}/${description.runId}${url.search}`);
};
