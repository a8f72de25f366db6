import { error, fail } from '@sveltejs/kit';
import { EMAIL, FormReader } from '$lib/models/forms/fields';
import { can } from '$lib/models/zones';
import { apiFormFailure } from '$lib/server/api/form-failure';
import { load as loadApi } from '$lib/server/api/result';
import type { Actions, PageServerLoad } from './$types';

const KINDS = ['email', 'webhook', 'chat'] as const;
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!can(locals.user, 'manageChannels')) error(403, { message: 'Partner admins manage notification channels.' });
  const [channels, partners] = await Promise.all([loadApi(locals.api.GET('/notification-channels'), url), loadApi(locals.api.GET('/partners'), url)]);
  return { channels, partners: partners.map((p) => ({ id: p.id, name: p.name })) };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = new FormReader(await request.formData());
    const partnerId = form.uuid('partnerId', 'Partner');
    const kind = form.oneOf('kind', 'Kind', KINDS);
    const name = form.text('name', 'Name', { max: 100 });
    const target = form.text('target', kind === 'email' ? 'Email address' : 'URL', { max: 2000 });
    if (kind === 'email' && target && !EMAIL.test(target)) form.fail('target', 'Email address is not an email address.');
    if (kind !== 'email' && target && !/^https:\/\/\S+$/.test(target)) form.fail('target', 'URL must start with https:// (webhooks are signed and sent over TLS only).');
    const minPriority = form.oneOf('minPriority', 'Lowest priority', PRIORITIES);
    if (!form.ok) return fail(400, { which: 'create', errors: form.errors, name, target });
    const r = await locals.api.POST('/notification-channels', { body: { partnerId, kind, name, target, minPriority } });
    return r.data ? { which: 'create', done: `Channel “${r.data.name}” added.` } : apiFormFailure('create', r.response, r.error);
  },

  toggle: async ({ request, locals }) => {
    const form = new FormReader(await request.formData());
    const id = form.uuid('id', 'Channel');
    const enabled = form.oneOf('enabled', 'State', ['true', 'false'] as const) === 'true';
    if (!form.ok) return fail(400, { which: 'list', errors: form.errors });
    const r = await locals.api.PATCH('/notification-channels/{id}', { params: { path: { id } }, body: { enabled } });
    return r.data ? { which: 'list', done: `“${r.data.name}” ${enabled ? 'enabled' : 'disabled'}.` } : apiFormFailure('list', r.response, r.error);
  },

  remove: async ({ request, locals }) => {
    const form = new FormReader(await request.formData());
    const id = form.uuid('id', 'Channel');
    if (!form.ok) return fail(400, { which: 'list', errors: form.errors });
    const r = await locals.api.DELETE('/notification-channels/{id}', { params: { path: { id } } });
    return r.data ? { which: 'list', done: `“${r.data.name}” removed.` } : apiFormFailure('list', r.response, r.error);
  },
};
