import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Decision, PendingApproval } from '@custos/core';
import { decide, healWorkflowId, pendingPlan, type HealResult } from '@custos/workflows/messages';
import { uniqueName } from '@custos/testkit';
import { startWorld, type World } from './support/world.js';
import { replayAndKeep } from './support/histories.js';
import { configure, startSiteEntity } from './support/site-entity.js';

const DISRUPTIVE = 'RB-WIN-FIXTURE-REG-002';

describe('disruptive fixes wait for a person and the maintenance window (real Temporal, lab, PostgreSQL)', () => {
  let world: World;
  let approverClient: Client;

  beforeAll(async () => {
    world = await startWorld({ hosts: 6 });
    await startSiteEntity(world.temporal.client, world.centralTaskQueue, world.tenant.siteId);
    approverClient = new Client({ connection: world.temporal.client.connection, namespace: world.temporal.namespace, identity: 'dashboard:user-dana', dataConverter: world.temporal.dataConverter });
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** Drifts the disruptive setting on a host, scans, and returns the heal's workflow id. */
  async function driftAndScan(host: string): Promise<{ healId: string; findingId: string }> {
    world.lab.site.patchState(host, [{ op: 'add', path: '/registry/HKLM\\SOFTWARE\\CustosTest', value: { Drift002: { type: 'REG_DWORD', value: 1 } } }]);
    await world.temporal.client.workflow.execute('scanSite', { taskQueue: world.centralTaskQueue, workflowId: uniqueName('scan'), args: [{ siteId: world.tenant.siteId, trigger: 'manual' }] });
    const finding = await world.db.selectFrom('findings').select('id').where('host_id', '=', world.tenant.hostIds[host]!).where('check_id', '=', DISRUPTIVE).where('status', '=', 'open').executeTakeFirstOrThrow();
    return { healId: healWorkflowId(world.tenant.siteId, finding.id), findingId: finding.id };
  }

  async function pending(healId: string): Promise<PendingApproval> {
    const handle = world.temporal.client.workflow.getHandle(healId);
    for (let i = 0; i < 200; i++) {
      const p = await handle.query(pendingPlan).catch(() => null);
      if (p) return p;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${healId} never asked for approval`);
  }

  const decision = (p: PendingApproval, d: 'approve' | 'reject', reason: string): Decision => ({ decision: d, planSha256: p.planSha256, reason, approver: { userId: 'user-dana', displayName: 'Dana Approver' } });

  it('refuses a decision for another plan without a trace, then executes the approved plan and records who approved', async () => {
    const { healId, findingId } = await driftAndScan('WS001');
    const p = await pending(healId);
    expect(p.plan).toMatchObject({ runbookId: DISRUPTIVE, tier: 'L3', disruptive: true, risk: 'high', findingId, rationale: 'a disruptive change needs a person' });
    expect(p.priority).toBe('high');
    const mirror = await world.db.selectFrom('approvals').selectAll().where('workflow_id', '=', healId).executeTakeFirstOrThrow();
    expect(mirror).toMatchObject({ status: 'pending', plan_sha256: p.planSha256, priority: 'high' });
    expect((await world.db.selectFrom('heals').select('status').where('workflow_id', '=', healId).executeTakeFirstOrThrow()).status).toBe('awaiting_approval');

    const handle = approverClient.workflow.getHandle(healId);
    const wrong = { ...decision(p, 'approve', 'looks fine'), planSha256: 'f'.repeat(64) };
    await expect(handle.executeUpdate(decide, { args: [wrong] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const malformed = { ...decision(p, 'approve', ''), approver: { userId: '', displayName: '' } };
    await expect(handle.executeUpdate(decide, { args: [malformed] })).rejects.toThrow();
    // Refused Updates leave no event of any kind in the history (the API audits them instead).
    const updateEvents = (await handle.fetchHistory()).events?.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateRejectedEventAttributes || e.workflowExecutionUpdateAdmittedEventAttributes || e.workflowExecutionUpdateCompletedEventAttributes,
    );
    expect(updateEvents).toEqual([]);
    expect(world.lab.site.applications('WS001')).toEqual([]);

    const receipt = await handle.executeUpdate(decide, { args: [decision(p, 'approve', 'approved for tonight')] });
    expect(receipt).toMatchObject({ decision: 'approve', planSha256: p.planSha256, approver: { userId: 'user-dana', displayName: 'Dana Approver' } });

    const result = (await handle.result()) as HealResult;
    expect(result).toMatchObject({ outcome: 'healed', tier: 'L3', ruleId: 'L1-FIXTURE-REG-002', approval: { outcome: 'approved', planSha256: p.planSha256, receipt }, verify: 'pass' });
    expect(world.lab.site.applications('WS001')).toMatchObject([{ runbook: DISRUPTIVE, phase: 'remediate', idempotencyKey: `${healId}:remediate:1` }]);
    const kinds = (await world.db.selectFrom('evidence_index').select('kind').where('site_id', '=', world.tenant.siteId).execute()).map((r) => String(r.kind));
    expect(kinds).toContain('approval');
    const accepted = (await handle.fetchHistory()).events?.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.identity).toBe('dashboard:user-dana');
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, healId, { workflow: 'heal', name: 'l3-approved' });
  });

  it('leaves the finding open and changes nothing when the approver rejects', async () => {
    const { healId, findingId } = await driftAndScan('WS002');
    const p = await pending(healId);
    const handle = approverClient.workflow.getHandle(healId);
    await handle.executeUpdate(decide, { args: [decision(p, 'reject', 'not during clinic hours')] });
    const result = (await handle.result()) as HealResult;
    expect(result).toMatchObject({ outcome: 'rejected', tier: 'L3', approval: { outcome: 'rejected' }, remediation: null, reason: 'rejected by Dana Approver: not during clinic hours' });
    expect(world.lab.site.applications('WS002')).toEqual([]);
    expect((await world.db.selectFrom('findings').select('status').where('id', '=', findingId).executeTakeFirstOrThrow()).status).toBe('open');
    expect((await world.db.selectFrom('heals').select('status').where('workflow_id', '=', healId).executeTakeFirstOrThrow()).status).toBe('rejected');
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, healId, { workflow: 'heal', name: 'l3-rejected' });
  });

  it('reminds and re-routes on the SLA timeline, then expires and escalates', async () => {
    await configure(world.temporal.client, world.tenant.siteId, { config: { approvalSlaMs: { critical: 6000, high: 6000, medium: 6000, low: 6000 }, contactLevels: 3 } });
    const { healId, findingId } = await driftAndScan('WS003');
    const result = (await world.temporal.client.workflow.getHandle(healId).result()) as HealResult;
    expect(result).toMatchObject({ outcome: 'escalated', approval: { outcome: 'expired', receipt: null }, reason: 'the approval expired; the finding stays open' });
    // Each step went to the contact of its level, by email through the partner's SMTP relay.
    const mails = world.smtp.received.filter((m) => m.headers['x-custos-notification']?.startsWith(`${healId}:`));
    expect(mails.map((m) => [m.headers['x-custos-event'], m.to.join(',')])).toEqual([
      ['approval_requested', 'contact0@clinic.test'],
      ['approval_rerouted', 'contact1@clinic.test'],
      ['approval_rerouted', 'contact2@clinic.test'],
      ['approval_reminder', 'contact2@clinic.test'],
      ['approval_expired', 'contact2@clinic.test'],
      ['escalated', 'contact0@clinic.test'],
    ]);
    expect((await world.db.selectFrom('approvals').select('status').where('workflow_id', '=', healId).executeTakeFirstOrThrow()).status).toBe('expired');
    expect((await world.db.selectFrom('findings').select('status').where('id', '=', findingId).executeTakeFirstOrThrow()).status).toBe('open');
    await expect(approverClient.workflow.getHandle(healId).executeUpdate(decide, { args: [{ decision: 'approve', planSha256: result.approval!.planSha256, reason: 'late', approver: { userId: 'u', displayName: 'U' } }] })).rejects.toThrow();
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, healId, { workflow: 'heal', name: 'l3-expired' });
  });

  it('waits for the maintenance window after approval and runs the change inside it', async () => {
    const opensAt = Math.ceil((Date.now() + 12_000) / 1000) * 1000;
    const start = new Date(opensAt).toISOString().slice(11, 19);
    await configure(world.temporal.client, world.tenant.siteId, {
      config: { approvalSlaMs: { critical: 120_000, high: 120_000, medium: 120_000, low: 120_000 }, maintenanceWindow: { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], start, durationMinutes: 1 } },
    });
    const { healId } = await driftAndScan('WS004');
    const p = await pending(healId);
    expect(p.plan.maintenanceWindow).toMatchObject({ start, durationMinutes: 1 });
    await approverClient.workflow.getHandle(healId).executeUpdate(decide, { args: [decision(p, 'approve', 'in the window')] });
    expect(Date.now()).toBeLessThan(opensAt);
    const result = (await world.temporal.client.workflow.getHandle(healId).result()) as HealResult;
    expect(result.outcome).toBe('healed');
    const [applied] = world.lab.site.applications('WS004');
    expect(Date.parse(applied!.at)).toBeGreaterThanOrEqual(opensAt);
    expect(Date.parse(applied!.at)).toBeLessThan(opensAt + 60_000);
    const timers = (await world.temporal.client.workflow.getHandle(healId).fetchHistory()).events?.filter((e) => e.timerStartedEventAttributes) ?? [];
    expect(timers.length).toBeGreaterThan(0);
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, healId, { workflow: 'heal', name: 'l3-window' });
  });
});
