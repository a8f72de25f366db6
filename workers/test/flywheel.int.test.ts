import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { startScriptedLlm, type ScriptedLlm } from '@custos/testkit/openai';
import { uniqueName } from '@custos/testkit';
import type { FlywheelSnapshot } from '@custos/activities/types';
import { decidePromotion, flywheelSnapshot, healWorkflowId, type HealResult } from '@custos/workflows/messages';
import { replayAndKeep } from './support/histories.js';
import { startWorld, type World } from './support/world.js';

const UNRULED = 'RB-WIN-FIXTURE-REG-001';
const approver = { userId: 'user-lee', displayName: 'Lee Reviewer' };

describe('the flywheel: L2 keeps solving a pattern → proposal → human approval → L1 → automatic rollback', () => {
  let world: World;
  let llm: ScriptedLlm;

  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['gpt-4o-mini'] });
    world = await startWorld({ hosts: 6, llm });
  });

  afterAll(async () => {
    await world?.stop();
    await llm?.close();
  });

  const drift = (host: string, withPolicy = false) =>
    world.lab.site.patchState(host, [
      { op: 'add', path: '/registry/HKLM\\SOFTWARE\\CustosTest', value: { Drift001: { type: 'REG_DWORD', value: 1 } } },
      ...(withPolicy ? [{ op: 'add', path: '/registry/HKLM\\SOFTWARE\\Policies\\CustosTest', value: { Drift001: { type: 'REG_DWORD', value: 1 } } }] : []),
    ]);

  /** Scans and waits for every heal the scan started for the un-ruled runbook. */
  async function scanAndHeal(): Promise<HealResult[]> {
    await world.temporal.client.workflow.execute('scanSite', { taskQueue: world.centralTaskQueue, workflowId: uniqueName('scan'), args: [{ siteId: world.tenant.siteId, trigger: 'manual' }] });
    const open = await world.db.selectFrom('findings').select('id').where('site_id', '=', world.tenant.siteId).where('check_id', '=', UNRULED).where('status', '=', 'open').execute();
    return Promise.all(open.map((f) => world.temporal.client.workflow.getHandle(healWorkflowId(world.tenant.siteId, f.id)).result() as Promise<HealResult>));
  }

  async function snapshot(until: (s: FlywheelSnapshot) => boolean): Promise<FlywheelSnapshot> {
    const handle = world.temporal.client.workflow.getHandle(world.flywheelWorkflowId);
    for (let i = 0; i < 300; i++) {
      const s = await handle.query(flywheelSnapshot).catch(() => undefined);
      if (s && until(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the flywheel never reached the expected state');
  }

  it('promotes the pattern only after a person approves, then heals it at L1 without asking the model', async () => {
    llm.script({
      name: 'restore',
      times: 5,
      reply: { kind: 'json', content: { choice: { runbookId: UNRULED, params: { wanted: 0 } }, rationale: 'Writing 0 restores the hardened value.', confidence: 0.95 } },
    });
    for (const host of ['DC01', 'FS01', 'WS001', 'WS002', 'WS003']) drift(host);
    const first = await scanAndHeal();
    expect(first.map((r) => [r.outcome, r.tier])).toEqual(Array(5).fill(['healed', 'L2']));

    const proposed = await snapshot((s) => s.proposals.length > 0);
    const [proposal] = proposed.proposals;
    expect(proposal).toMatchObject({ status: 'pending', stats: { occurrences: 5, l2Resolutions: 5, successes: 5, checkRunbookId: UNRULED }, rule: { priority: 50, action: { kind: 'run_runbook', runbook: UNRULED, params: { wanted: 0 } } } });
    expect(proposed.version).toBe(0);

    const handle = world.temporal.client.workflow.getHandle(world.flywheelWorkflowId);
    await expect(handle.executeUpdate(decidePromotion, { args: [{ proposalId: proposal!.proposalId, decision: 'approve', ruleSha256: 'e'.repeat(64), reason: 'ok', approver }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const decided = await handle.executeUpdate(decidePromotion, { args: [{ proposalId: proposal!.proposalId, decision: 'approve', ruleSha256: proposal!.ruleSha256, reason: 'five clean L2 fixes', approver }] });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: approver });
    const promoted = await snapshot((s) => s.version === 1);
    expect(promoted.rules).toMatchObject([{ id: proposal!.rule.id, provenance: { source: 'promoted', approvedBy: 'user-lee' } }]);

    const asked = llm.requests.length;
    drift('WS004');
    const [again] = await scanAndHeal();
    expect(again).toMatchObject({ outcome: 'healed', tier: 'L1', ruleId: proposal!.rule.id });
    expect(llm.requests.length).toBe(asked);
  });

  it('rolls the promoted rule back by itself once more than 20 % of its heals fail, and records it', async () => {
    // A Group Policy now pins the value on five hosts: the promoted fix cannot stick there.
    for (const host of ['DC01', 'FS01', 'WS001', 'WS002', 'WS003']) drift(host, true);
    const results = await scanAndHeal();
    expect(results.filter((r) => r.tier === 'L1' && r.outcome === 'escalated' && r.rolledBack)).not.toHaveLength(0);
    const rolled = await snapshot((s) => s.rollbacks.length > 0);
    expect(rolled.rules).toEqual([]);
    expect(rolled.version).toBe(2);
    expect(rolled.rollbacks[0]).toMatchObject({ ruleId: expect.stringMatching(/^L1-PROMOTED-/), samples: 5 });
    expect(rolled.rollbacks[0]!.failureRate).toBeGreaterThan(0.2);
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, world.flywheelWorkflowId, { workflow: 'flywheel', name: 'promoted-and-rolled-back' });
  });
});
