import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healWorkflowId, type HealResult, type ScanSummary } from '@custos/workflows/messages';
import { uniqueName } from '@custos/testkit';
import { startWorld, type World } from './support/world.js';
import { replayAndKeep } from './support/histories.js';

const FIREWALL = '/registry/HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile/EnableFirewall/value';

describe('drift → scan → L1 heal → verify → finding closed (real Temporal, lab over WinRM, PostgreSQL)', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ hosts: 3 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function scan(): Promise<{ summary: ScanSummary; workflowId: string }> {
    const workflowId = uniqueName('scan');
    const summary = await world.temporal.client.workflow.execute<(i: unknown) => Promise<ScanSummary>>('scanSite', {
      taskQueue: world.centralTaskQueue,
      workflowId,
      args: [{ siteId: world.tenant.siteId, trigger: 'manual' }],
    });
    return { summary, workflowId };
  }

  it('heals firewall drift with the L1 rule, verifies it, closes the finding and applies the change once', async () => {
    world.lab.site.patchState('FS01', [{ op: 'replace', path: FIREWALL, value: 0 }]);

    const first = await scan();
    expect(first.summary).toMatchObject({ hosts: 3, reachable: 3, checks: 9, failed: 1, errors: 0, findingsOpened: 1, healsStarted: 1 });

    const finding = await world.db.selectFrom('findings').selectAll().where('site_id', '=', world.tenant.siteId).executeTakeFirstOrThrow();
    expect(finding).toMatchObject({ host_id: world.tenant.hostIds.FS01, check_id: 'RB-WIN-FIXTURE-FW-001', status: 'open', severity: 'high' });

    const healId = healWorkflowId(world.tenant.siteId, finding.id);
    const result = await world.temporal.client.workflow.getHandle(healId).result() as HealResult;
    expect(result).toMatchObject({
      outcome: 'healed',
      tier: 'L1',
      ruleId: 'L1-FIXTURE-FW-001',
      action: { runbookId: 'RB-WIN-FIXTURE-FW-001', version: 1 },
      approval: null,
      remediation: { status: 'applied', changed: true },
      verify: 'pass',
      rolledBack: false,
    });

    const closed = await world.db.selectFrom('findings').selectAll().where('id', '=', finding.id).executeTakeFirstOrThrow();
    expect(closed.status).toBe('resolved');
    const mirror = await world.db.selectFrom('heals').selectAll().where('workflow_id', '=', healId).executeTakeFirstOrThrow();
    expect(mirror).toMatchObject({ tier: 'L1', status: 'healed', finding_id: finding.id });
    expect(mirror.finished_at).not.toBeNull();

    expect(world.lab.site.state('FS01').registry['HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile']?.EnableFirewall).toEqual({ type: 'REG_DWORD', value: 1 });
    expect(world.lab.site.applications('FS01')).toMatchObject([{ runbook: 'RB-WIN-FIXTURE-FW-001', phase: 'remediate', idempotencyKey: `${healId}:remediate:1` }]);

    // The scan's batches and the heal's outcome are signed bundles in the site's evidence log.
    const kinds = (await world.db.selectFrom('evidence_index').select('kind').where('site_id', '=', world.tenant.siteId).execute()).map((r) => r.kind);
    expect(kinds).toContain('scan');
    expect(kinds).toContain('heal');

    // The next scan sees the host compliant and starts nothing.
    const second = await scan();
    expect(second.summary).toMatchObject({ failed: 0, findingsOpened: 0, healsStarted: 0, findingsOpen: 0 });

    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, first.workflowId, { workflow: 'scan-site', name: 'drift-one-heal' });
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, healId, { workflow: 'heal', name: 'l1-healed' });
  });
});
