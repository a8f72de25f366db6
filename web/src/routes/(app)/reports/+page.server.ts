import { load as loadApi } from '$lib/server/api/result';
import { listReports } from '$lib/server/read-models/reports';
import { scopeOf } from '$lib/server/scope';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const [reports, clients] = await Promise.all([listReports(scopeOf(locals.user!)), loadApi(locals.api.GET('/clients'), url)]);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  return { reports: reports.map((r) => ({ ...r, clientName: names.get(r.clientId) ?? r.clientId, artefacts: r.artefacts.map((a) => ({ name: a.name, sha256: a.sha256 })) })) };
};
