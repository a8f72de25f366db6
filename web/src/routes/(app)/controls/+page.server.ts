import { error } from '@sveltejs/kit';
import { FRAMEWORKS } from '$lib/models/compliance-score';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { catalogue } from '$lib/server/catalogue';
import type { PageServerLoad } from './$types';

/** Control coverage: every control of a framework, the runbooks that evidence it, and how (automated, partial, manual). */
export const load: PageServerLoad = async ({ url }) => {
  const state = new UrlState(url.searchParams);
  const framework = state.one('framework', FRAMEWORKS, 'hipaa');
  const only = state.one('only', ['', 'covered', 'gaps'] as const, '');
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const cat = await catalogue();
  const fw = cat.frameworks.find((f) => f.framework === framework);
  if (!fw) error(404, { message: `The catalogue has no ${framework} controls.` });
  const controls = fw.controls.map((c) => ({ ...c, runbooks: fw.runbooksByControl[c.id] ?? [] }));
  const covered = controls.filter((c) => c.runbooks.length > 0).length;
  return {
    framework,
    title: fw.title,
    edition: fw.edition,
    only,
    controls: controls.filter((c) => (only === 'covered' ? c.runbooks.length > 0 : only === 'gaps' ? c.runbooks.length === 0 : true)),
    totals: { controls: controls.length, covered, automated: controls.filter((c) => c.evidence === 'automated').length },
  };
};
