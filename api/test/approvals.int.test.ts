import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';
import { addApproval, buildWorld, type World } from './support/world.js';
import { startProbe } from './support/endpoints.js';

/**
 * Approvals against a real Temporal dev server. A probe workflow runs the heal workflow's own
 * approval gate (its `decide` validator and `pendingPlan`) without the heal's activities.
 */
describe('approvals: decide Update with the approver’s identity; refusals audited', () => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    h = await startHarness('api_approvals', { approvals: true });
    w = await buildWorld(h.db);
  });
  afterAll(async () => h?.close());

  async function pending() {
    const probe = await startProbe(h, w.own);
    const approval = await addApproval(h.db, w.own, probe.workflowId, probe.planSha256);
    return { ...probe, approval };
  }

  it('lists pending approvals with the plan to be approved', async () => {
    const p = await pending();
    const res = await h.app.inject({ url: '/approvals?status=pending', headers: { authorization: `Bearer ${w.actors.client_viewer.token}` } });
    const item = res.json().items.find((a: { id: string }) => a.id === p.approval.id);
    expect(item).toMatchObject({ status: 'pending', planSha256: p.planSha256, plan: { runbookId: 'RB-WIN-PATCH-001', siteId: w.own.siteId } });
    await h.temporal.client.workflow.getHandle(p.workflowId).terminate('test cleanup');
  });

  it('approve goes to the workflow as `decide`, recorded with the user’s Temporal identity', async () => {
    const p = await pending();
    const owner = w.actors.client_owner;
    const res = await h.app.inject({
      method: 'POST',
      url: `/approvals/${p.approval.id}/approve`,
      headers: { authorization: `Bearer ${owner.token}` },
      payload: { planSha256: p.planSha256, reason: 'patch window agreed with the practice' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'approve', planSha256: p.planSha256, approval: { status: 'approved', decidedBy: owner.userId } });

    const handle = h.temporal.client.workflow.getHandle(p.workflowId);
    const result = await handle.result();
    expect(result).toMatchObject({ decision: 'approve', approver: { userId: owner.userId } });
    const history = await handle.fetchHistory();
    const accepted = history.events!.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.identity).toBe(`custos-user:${owner.userId}`);
    const audit = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'approvals.approve').where('target_id', '=', p.approval.id).execute();
    expect(audit).toEqual([expect.objectContaining({ outcome: 'ok', actor_id: `${owner.userId}/${audit[0]!.actor_id!.split('/')[1]}` })]);
  });

  it('a decision on a plan other than the one shown is refused by the workflow, leaves no history, and is audited', async () => {
    const p = await pending();
    const res = await h.app.inject({
      method: 'POST',
      url: `/approvals/${p.approval.id}/reject`,
      headers: { authorization: `Bearer ${w.actors.partner_tech.token}` },
      payload: { planSha256: 'f'.repeat(64), reason: 'stale page' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'approval_refused' });
    expect(res.json().message).toMatch(/decision is for plan f{64}, but the pending plan is [0-9a-f]{64}/);
    const history = await h.temporal.client.workflow.getHandle(p.workflowId).fetchHistory();
    expect(history.events!.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    const row = await h.db.selectFrom('approvals').select('status').where('id', '=', p.approval.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    const audit = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'approvals.decide').where('outcome', '=', 'refused').execute();
    expect(audit.some((a) => JSON.stringify(a.detail).includes('but the pending plan is'))).toBe(true);
    await h.temporal.client.workflow.getHandle(p.workflowId).terminate('test cleanup');
  });

  it('a second decision is refused; a viewer’s attempt is refused before Temporal and audited', async () => {
    const p = await pending();
    const body = { planSha256: p.planSha256, reason: 'ok' };
    const first = await h.app.inject({ method: 'POST', url: `/approvals/${p.approval.id}/reject`, headers: { authorization: `Bearer ${w.actors.partner_admin.token}` }, payload: body });
    expect(first.statusCode).toBe(200);
    const second = await h.app.inject({ method: 'POST', url: `/approvals/${p.approval.id}/approve`, headers: { authorization: `Bearer ${w.actors.partner_admin.token}` }, payload: body });
    expect(second.statusCode).toBe(409);
    const viewer = await h.app.inject({ method: 'POST', url: `/approvals/${p.approval.id}/approve`, headers: { authorization: `Bearer ${w.actors.client_viewer.token}` }, payload: body });
    expect(viewer.statusCode).toBe(403);
    const refused = await h.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'approvals.decide').where('outcome', '=', 'refused').execute();
    expect(refused.some((r) => r.actor_id?.startsWith(w.actors.client_viewer.userId))).toBe(true);
  });

  it('a manual scan starts the site’s scan workflow under the user’s identity', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/sites/${w.own.siteId}/scans`, headers: { authorization: `Bearer ${w.actors.partner_tech.token}` } });
    expect(res.statusCode).toBe(202);
    const handle = h.temporal.client.workflow.getHandle(res.json().workflowId);
    const description = await handle.describe();
    expect(description.type).toBe('scanSite');
    const history = await handle.fetchHistory();
    expect(history.events![0]!.workflowExecutionStartedEventAttributes?.identity).toBe(`custos-user:${w.actors.partner_tech.userId}`);
    await handle.terminate('test cleanup');
  });
});
