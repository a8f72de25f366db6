import { error } from '@sveltejs/kit';
import { catalogue } from '$lib/server/catalogue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  const cat = await catalogue();
  const runbook = cat.byId.get(params.runbookId);
  if (!runbook) error(404, { message: `No runbook ${params.runbookId} in the catalogue.` });
  const titles = Object.fromEntries(cat.frameworks.map((f) => [f.framework, { title: f.title, controls: Object.fromEntries(f.controls.map((c) => [c.id, c.title])) }]));
  return { runbook, titles };
};
