import { fail } from '@sveltejs/kit';
import type { ApprovalPlan } from '@custos/core';
import { FormReader, SHA256_HEX } from '$lib/models/forms/fields';
import { can } from '$lib/models/zones';
import { load as loadApi } from '$lib/server/api/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const approval = await loadApi(locals.api.GET('/approvals/{id}', { params: { path: { id: params.id } } }), url);
  const plan = approval.plan as ApprovalPlan;
  const [site, hosts] = await Promise.all([
    loadApi(locals.api.GET('/sites/{id}', { params: { path: { id: approval.siteId } } }), url),
    loadApi(locals.api.GET('/sites/{siteId}/hosts', { params: { path: { siteId: approval.siteId }, query: { limit: 200 } } }), url),
  ]);
  return {
    approval,
    plan,
    site: { id: site.id, name: site.name },
    hostname: hosts.find((h) => h.id === plan.hostId)?.hostname ?? null,
    mayDecide: can(locals.user, 'decideApprovals'),
  };
};

/**
 * Approve or reject, validated here before the API sends the `decide` Update to the waiting
 * workflow. The plan hash in the form is the one the page showed, so a plan that changed since
 * is refused by the workflow, and the refusal is explained (and audited by the API).
 */
export const actions: Actions = {
  decide: async ({ request, locals, params }) => {
    const form = new FormReader(await request.formData());
    const decision = form.oneOf('decision', 'Decision', ['approve', 'reject'] as const);
    const reason = form.text('reason', 'Reason', { max: 1000 });
    const planSha256 = form.text('planSha256', 'Plan hash', { max: 64, pattern: SHA256_HEX, patternHint: 'is not the hash of a plan' });
    if (!form.ok) return fail(400, { errors: form.errors, reason });
    const body = { planSha256, reason };
    const path = { params: { path: { id: params.id } }, body };
    const r = decision === 'approve' ? await locals.api.POST('/approvals/{id}/approve', path) : await locals.api.POST('/approvals/{id}/reject', path);
    if (r.data) return { receipt: { decision: r.data.decision, decidedAt: r.data.decidedAt, planSha256: r.data.planSha256 } };
    const e = r.error as { error?: string; message?: string; field?: string } | undefined;
    const refused = e?.error === 'approval_refused';
    return fail(r.response.status, {
      reason,
      errors: { [e?.field?.replace(/^body\./, '') ?? 'form']: e?.message ?? `The API answered ${r.response.status}.` },
      refused,
    });
  },
};
