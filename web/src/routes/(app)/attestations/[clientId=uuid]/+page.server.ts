import { error, fail } from '@sveltejs/kit';
import { FormReader } from '$lib/models/forms/fields';
import { load as loadApi } from '$lib/server/api/result';
import type { Actions, PageServerLoad } from './$types';

const FRAMEWORKS = ['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8'] as const;
const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
const MAX_DOCUMENT = 10 * 1024 * 1024;

/**
 * Manual controls as tasks: each control checks cannot evidence, with the attestation in force, and
 * (for the client owner) a form to attest one with an optional document. The framework is URL state.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const framework = url.searchParams.get('framework') ?? 'hipaa';
  if (!(FRAMEWORKS as readonly string[]).includes(framework)) error(400, { message: `framework must be one of ${FRAMEWORKS.join(', ')}` });
  const path = { path: { clientId: params.clientId } };
  const [client, tasks, acceptances] = await Promise.all([
    loadApi(locals.api.GET('/clients/{id}', { params: { path: { id: params.clientId } } }), url),
    loadApi(locals.api.GET('/clients/{clientId}/attestation-tasks', { params: { ...path, query: { framework: framework as (typeof FRAMEWORKS)[number] } } }), url),
    loadApi(locals.api.GET('/clients/{clientId}/risk-acceptances', { params: path }), url),
  ]);
  return { client: { id: client.id, name: client.name }, framework, frameworks: FRAMEWORKS, tasks, acceptances, mayAttest: locals.user!.role === 'client_owner' };
};

export const actions: Actions = {
  attest: async ({ request, locals, params, url }) => {
    const data = await request.formData();
    const form = new FormReader(data);
    const framework = form.oneOf('framework', 'Framework', FRAMEWORKS);
    const controlId = form.text('controlId', 'Control', { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,63}$/, patternHint: 'is not a control id' });
    const statement = form.paragraph('statement', 'Statement', { max: 4000 });
    const file = data.get('document');
    let document: { name: string; contentType: (typeof DOCUMENT_TYPES)[number]; contentBase64: string } | undefined;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_DOCUMENT) form.fail('document', 'The document must be at most 10 MiB.');
      else if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) form.fail('document', 'Attach a PDF, PNG, JPEG or plain text file.');
      else {
        const name = file.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100) || 'document';
        document = { name, contentType: file.type as (typeof DOCUMENT_TYPES)[number], contentBase64: Buffer.from(await file.arrayBuffer()).toString('base64') };
      }
    }
    if (!form.ok) return fail(400, { errors: form.errors, controlId, statement });
    const r = await locals.api.POST('/clients/{clientId}/attestations', { params: { path: { clientId: params.clientId } }, body: { framework, controlId, statement, ...(document ? { document } : {}) } });
    if (r.data) return { attested: { controlId: r.data.controlId, at: r.data.attestedAt, url: url.pathname } };
    const e = r.error as { message?: string; field?: string } | undefined;
    const field = e?.field?.replace(/^body\./, '').replace(/^document\..*$/, 'document') ?? 'form';
    return fail(r.response.status, { controlId, statement, errors: { [field]: e?.message ?? `The API answered ${r.response.status}.` } });
  },
};
