import { fail } from '@sveltejs/kit';
import { FormReader } from '$lib/models/forms/fields';
import { load as loadApi } from '$lib/server/api/result';
import type { Actions, PageServerLoad } from './$types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const GENERATORS = ['platform_admin', 'partner_admin', 'partner_tech', 'client_owner'];

/** The month before this one (UTC): the latest a packet can cover. */
function lastMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** A client's monthly compliance packets, newest first, with downloads; operators and the owner may generate one. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const [client, packets] = await Promise.all([
    loadApi(locals.api.GET('/clients/{id}', { params: { path: { id: params.clientId } } }), url),
    loadApi(locals.api.GET('/clients/{clientId}/packets', { params: { path: { clientId: params.clientId }, query: { limit: 36 } } }), url),
  ]);
  return { client: { id: client.id, name: client.name }, packets, lastMonth: lastMonth(), mayGenerate: GENERATORS.includes(locals.user!.role) };
};

export const actions: Actions = {
  generate: async ({ request, locals, params }) => {
    const form = new FormReader(await request.formData());
    const month = form.text('month', 'Month', { max: 7, pattern: MONTH, patternHint: 'must be a month as YYYY-MM' });
    if (!form.ok) return fail(400, { errors: form.errors, month });
    const r = await locals.api.POST('/clients/{clientId}/packets', { params: { path: { clientId: params.clientId } }, body: { month } });
    if (r.data) return { started: { month, workflowId: r.data.workflowId } };
    const e = r.error as { message?: string; field?: string } | undefined;
    return fail(r.response.status, { month, errors: { [e?.field?.replace(/^body\./, '') ?? 'form']: e?.message ?? `The API answered ${r.response.status}.` } });
  },
};
