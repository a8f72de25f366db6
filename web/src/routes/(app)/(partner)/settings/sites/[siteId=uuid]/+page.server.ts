import { error, fail } from '@sveltejs/kit';
import { appendAudit } from '@custos/db';
import { FormReader } from '$lib/models/forms/fields';
import { readMaintenanceWindow } from '$lib/models/forms/maintenance-window';
import { can, type Ability } from '$lib/models/zones';
import { apiFormFailure } from '$lib/server/api/form-failure';
import { load as loadApi } from '$lib/server/api/result';
import { database } from '$lib/server/db';
import { setMaintenanceWindow, SettingRefused, siteSettings } from '$lib/server/temporal/site-entity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = locals.user!;
  const site = await loadApi(locals.api.GET('/sites/{id}', { params: { path: { id: params.siteId } } }), url);
  const path = { params: { path: { siteId: site.id } } };
  const [hosts, appliances, credentials, settings] = await Promise.all([
    loadApi(locals.api.GET('/sites/{siteId}/hosts', { params: { path: { siteId: site.id }, query: { limit: 200 } } }), url),
    can(user, 'readAppliances') ? loadApi(locals.api.GET('/sites/{siteId}/appliances', path), url) : Promise.resolve(null),
    can(user, 'manageCredentials') ? loadApi(locals.api.GET('/sites/{siteId}/credentials', path), url) : Promise.resolve(null),
    siteSettings(site.id).catch(() => undefined),
  ]);
  return {
    site,
    hosts: hosts.map((h) => ({ id: h.id, hostname: h.hostname })),
    appliances,
    credentials,
    settings: settings ?? null,
    settingsUnavailable: settings === undefined,
    abilities: {
      pause: can(user, 'pauseHealing'),
      enrol: can(user, 'manageAppliances'),
      credentials: can(user, 'manageCredentials'),
      maintenance: can(user, 'manageMaintenance'),
    },
  };
};

function refuseUnless(user: App.Locals['user'], ability: Ability, which: string) {
  return can(user, ability) ? null : fail(403, { which, errors: { form: 'Your role does not allow this.' } });
}

export const actions: Actions = {
  pause: async ({ request, locals, params }) => {
    const form = new FormReader(await request.formData());
    const reason = form.text('reason', 'Reason', { max: 500 });
    if (!form.ok) return fail(400, { which: 'pause', errors: form.errors });
    const r = await locals.api.POST('/sites/{siteId}/healing/pause', { params: { path: { siteId: params.siteId } }, body: { reason } });
    return r.data ? { which: 'pause', done: 'Healing is paused at this site: scans go on, no fix runs.' } : apiFormFailure('pause', r.response, r.error);
  },

  resume: async ({ locals, params }) => {
    const r = await locals.api.POST('/sites/{siteId}/healing/resume', { params: { path: { siteId: params.siteId } } });
    return r.data ? { which: 'pause', done: 'Healing is on again.' } : apiFormFailure('pause', r.response, r.error);
  },

  enrol: async ({ locals, params }) => {
    const r = await locals.api.POST('/sites/{siteId}/enrolment-codes', { params: { path: { siteId: params.siteId } } });
    // Shown once, here; the API keeps only its hash.
    return r.data ? { which: 'enrol', code: r.data.code, expiresAt: r.data.expiresAt } : apiFormFailure('enrol', r.response, r.error);
  },

  addCredential: async ({ request, locals, params }) => {
    const form = new FormReader(await request.formData());
    const kind = form.oneOf('kind', 'Kind', ['domain', 'host'] as const);
    const hostId = kind === 'host' ? form.uuid('hostId', 'Host') : undefined;
    const label = form.text('label', 'Label', { max: 100 });
    const username = form.text('username', 'User name', { max: 256 });
    const password = form.secret('password', 'Password', 1024);
    const domain = form.text('domain', 'Domain', { min: 0, max: 255 });
    if (domain && !/^[A-Za-z0-9.-]+$/.test(domain)) form.fail('domain', 'Domain may only contain letters, digits, dots and hyphens.');
    // The password is never sent back to the page, not even when the form has a mistake.
    if (!form.ok) return fail(400, { which: 'credential', errors: form.errors, label, username, domain, kind });
    const r = await locals.api.POST('/sites/{siteId}/credentials', {
      params: { path: { siteId: params.siteId } },
      body: { kind, label, username, password, ...(hostId && { hostId }), ...(domain && { domain }) },
    });
    return r.data ? { which: 'credential', done: `Stored “${r.data.label}”, sealed with key ${r.data.keyId}. It cannot be read back.` } : apiFormFailure('credential', r.response, r.error);
  },

  deleteCredential: async ({ request, locals }) => {
    const form = new FormReader(await request.formData());
    const id = form.uuid('id', 'Credential');
    if (!form.ok) return fail(400, { which: 'credential', errors: form.errors });
    const r = await locals.api.DELETE('/credentials/{id}', { params: { path: { id } } });
    return r.data ? { which: 'credential', done: `Deleted “${r.data.label}”.` } : apiFormFailure('credential', r.response, r.error);
  },

  saveWindow: async ({ request, locals, params, url }) => windowChange(request, locals, params.siteId, url, 'save'),
  clearWindow: async ({ request, locals, params, url }) => windowChange(request, locals, params.siteId, url, 'clear'),
};

/**
 * The maintenance window lives in the site's entity workflow and the API has no endpoint for it yet,
 * so this action does what the API does for its own changes: role check, tenancy check with the
 * user's own session, the change as the user's Temporal identity, and an audit entry either way.
 */
async function windowChange(request: Request, locals: App.Locals, siteId: string, url: URL, op: 'save' | 'clear') {
  const refused = refuseUnless(locals.user, 'manageMaintenance', 'window');
  if (refused) return refused;
  const user = locals.user!;
  const site = await locals.api.GET('/sites/{id}', { params: { path: { id: siteId } } });
  if (!site.data) error(404, { message: 'Not found.' });
  const form = new FormReader(await request.formData());
  const window = op === 'save' ? readMaintenanceWindow(form) : null;
  if (!form.ok) return fail(400, { which: 'window', errors: form.errors });
  const audit = (outcome: 'ok' | 'refused', detail: Record<string, unknown>) =>
    appendAudit(database(), {
      actor_kind: 'user',
      actor_id: user.userId,
      partner_id: site.data!.partnerId,
      client_id: site.data!.clientId,
      action: 'sites.maintenance_window',
      target_kind: 'site',
      target_id: siteId,
      outcome,
      detail,
      ip: null,
      request_id: locals.requestId,
    });
  try {
    await setMaintenanceWindow(siteId, window, `custos-user:${user.userId}`);
  } catch (err) {
    if (!(err instanceof SettingRefused)) throw err;
    await audit('refused', { window, reason: err.message, via: url.pathname });
    return fail(409, { which: 'window', errors: { form: `The site refused the change: ${err.message}` } });
  }
  await audit('ok', { window, via: url.pathname });
  return { which: 'window', done: window ? 'Maintenance window saved.' : 'Maintenance window removed: disruptive fixes now wait (escalate) instead.' };
}
