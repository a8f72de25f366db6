import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { healWorkflowId } from '@custos/workflows/messages';
import { launchChromium } from './support/chromium.js';
import { startHealWorld, type HealWorld } from './support/heal-world.js';
import { addPerson, seedTenant, signIn, type Person, type Tenant } from './support/people.js';
import { screenshot, textOf } from './support/screens.js';

const FIREWALL = '/registry/HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile/EnableFirewall/value';
const DISRUPTIVE = 'RB-WIN-FIXTURE-REG-002';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the dashboard over the real scan, heal and approval workflows (lab hosts, Temporal, PostgreSQL, Chromium)', () => {
  let world: HealWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Person;
  let other: Tenant;
  let hostNames: { server: string; workstation: string; dc: string };

  beforeAll(async () => {
    world = await startHealWorld('flows', 3);
    admin = await addPerson(world.platform.db, 'partner_admin', world.tenant, 'Dana Admin');
    other = await seedTenant(world.platform.db, 'Other');
    const byKind = (k: string) => world.lab.hosts.find((h) => h.kind === k)!.name;
    hostNames = { server: byKind('server'), workstation: byKind('workstation'), dc: byKind('dc') };
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, world.platform.webUrl, admin);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.stop();
  });

  const web = (path: string) => `${world.platform.webUrl}${path}`;

  async function openFinding(host: string, check: string): Promise<string> {
    return until(`an open ${check} finding on ${host}`, async () => {
      const f = await world.platform.db
        .selectFrom('findings')
        .select('id')
        .where('host_id', '=', world.tenant.hostIdByName[host]!)
        .where('check_id', '=', check)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return f?.id;
    });
  }

  it('shows a drifted host being healed by an L1 rule, on the fleet, the incident and the host', async () => {
    world.lab.site.patchState(hostNames.server, [{ op: 'replace', path: FIREWALL, value: 0 }]);
    await world.scan();
    const findingId = await world.platform.db.selectFrom('findings').select('id').where('host_id', '=', world.tenant.hostIdByName[hostNames.server]!).executeTakeFirstOrThrow();
    const healId = healWorkflowId(world.tenant.siteId, findingId.id);
    await world.platform.temporal.client.workflow.getHandle(healId).result();

    await page.goto(web('/fleet'));
    expect(await page.getByTestId('heals-l1').textContent()).toBe('1');
    expect(await page.getByTestId('fleet-sites').textContent()).toContain('Heal office');
    await screenshot(page, 'fleet');

    await page.goto(web('/incidents'));
    const row = page.getByTestId('heals').locator('tr', { hasText: 'RB-WIN-FIXTURE-FW-001' });
    expect(await row.textContent()).toContain('healed');
    await row.getByRole('link').click();
    await page.waitForURL(/\/incidents\//);
    expect(await textOf(page, 'heal-tier')).toBe('L1');
    expect(await page.getByTestId('heal-outcome').textContent()).toContain('healed');
    expect(await page.getByTestId('heal-verify').textContent()).toBe('pass');
    await screenshot(page, 'incident-l1');

    // The heal's signed evidence, verified in the browser; then the same bundle with one byte changed in transit.
    await page.getByRole('link', { name: /heal bundle/ }).first().click();
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await textOf(page, 'bundle-verdict')).toContain('Genuine');
    const checks = await textOf(page, 'bundle-checks');
    expect(checks).toMatch(/✔ Signature: Ed25519 signature by bundle key/);
    expect(checks).toMatch(/✔ Inclusion in the checkpoint/);
    expect(checks).toMatch(/✔ Checkpoint signature/);
    await screenshot(page, 'evidence-bundle');
    await page.route('**/evidence/*/proof', async (route) => {
      const response = await route.fetch();
      const proof = (await response.json()) as { envelope: string };
      const bytes = Buffer.from(proof.envelope, 'base64');
      bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 1;
      await route.fulfill({ response, json: { ...proof, envelope: bytes.toString('base64') } });
    });
    await page.reload();
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await textOf(page, 'bundle-verdict')).toContain('does not verify');
    expect(await textOf(page, 'bundle-checks')).toMatch(/✘ Bytes are the logged entry[\s\S]*✘ Signature/);
    await page.unroute('**/evidence/*/proof');

    await page.goto(web(`/evidence?site=${world.tenant.siteId}`));
    expect(Number((await textOf(page, 'log-entries')).match(/#\d+/g)?.length)).toBeGreaterThan(1);

    await page.goto(web(`/sites/${world.tenant.siteId}/hosts/${world.tenant.hostIdByName[hostNames.server]}`));
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Heal of RB-WIN-FIXTURE-FW-001: L1, healed');
    expect(timeline).toContain('Resolved: RB-WIN-FIXTURE-FW-001');
    expect(await page.getByTestId('host-checks').textContent()).toMatch(/RB-WIN-FIXTURE-FW-001[\s\S]*pass/);
  });

  it('approves an escalated, disruptive fix in the inbox and watches the workflow finish it', async () => {
    const host = hostNames.workstation;
    world.lab.site.patchState(host, [{ op: 'add', path: '/registry/HKLM\\SOFTWARE\\CustosTest', value: { Drift002: { type: 'REG_DWORD', value: 1 } } }]);
    await world.scan();
    const findingId = await openFinding(host, DISRUPTIVE);
    const healId = healWorkflowId(world.tenant.siteId, findingId);
    await until('the approval request', async () => (await world.platform.db.selectFrom('approvals').select('id').where('workflow_id', '=', healId).executeTakeFirst())?.id);

    await page.goto(web('/approvals'));
    const row = page.getByTestId('approvals').locator('tr', { hasText: DISRUPTIVE });
    await expect.poll(() => row.getByTestId('sla').textContent()).toMatch(/min.* left/);
    await screenshot(page, 'approvals');
    await row.getByRole('link', { name: DISRUPTIVE }).click();
    await page.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
    const plan = await page.getByTestId('plan').textContent();
    expect(plan).toContain(DISRUPTIVE);
    expect(plan).toContain('Yes: users may notice');
    expect(plan).toContain(host);

    // A decision without a reason never leaves the dashboard.
    await page.getByRole('button', { name: 'Approve this plan' }).click();
    await expect.poll(() => page.locator('#reason-error').textContent()).toBe('Reason is required.');

    await page.getByLabel('Reason (recorded with your decision)').fill('Agreed with the practice manager');
    await page.getByRole('button', { name: 'Approve this plan' }).click();
    await expect.poll(() => page.getByTestId('receipt').textContent({ timeout: 30_000 })).toContain('Approved at');
    await screenshot(page, 'approval-decided');

    // The workflow continues: remediate inside the window, verify, healed.
    await page.getByRole('link', { name: 'Workflow history' }).click();
    await page.waitForURL(/\/workflows\//);
    await expect.poll(async () => page.locator('h1 .badge').textContent(), { timeout: 60_000, interval: 500 }).toBe('completed');
    const decisions = await page.getByTestId('decisions').textContent();
    expect(decisions).toContain(`custos-user:${admin.userId}`);
    expect(decisions).toContain('Dana Admin');
    expect(decisions).toContain('Agreed with the practice manager');
    expect(world.lab.site.applications(host)).toMatchObject([{ runbook: DISRUPTIVE, phase: 'remediate' }]);

    // The timeline draws the approval span; its decoded events open beside it.
    await page.getByRole('button', { name: /Approval decision \(decide\)/ }).click();
    await expect.poll(() => page.getByTestId('span-detail').textContent()).toContain('WorkflowExecutionUpdateAccepted');
    expect(new URL(page.url()).searchParams.get('span')).toMatch(/^\d+$/);
    await screenshot(page, 'history');
  });

  it('explains a refused decision (the plan hash changed) and leaves the request pending', async () => {
    const host = hostNames.dc;
    world.lab.site.patchState(host, [{ op: 'add', path: '/registry/HKLM\\SOFTWARE\\CustosTest', value: { Drift002: { type: 'REG_DWORD', value: 1 } } }]);
    await world.scan();
    const healId = healWorkflowId(world.tenant.siteId, await openFinding(host, DISRUPTIVE));
    const approvalId = await until('the approval request', async () => (await world.platform.db.selectFrom('approvals').select('id').where('workflow_id', '=', healId).executeTakeFirst())?.id);
    await page.goto(web(`/approvals/${approvalId}`));
    // As if the page had been open while the plan changed: the hash the form sends is not the current plan's.
    await page.locator('input[name="planSha256"]').evaluate((el) => ((el as HTMLInputElement).value = 'f'.repeat(64)));
    await page.getByLabel('Reason (recorded with your decision)').fill('looks fine');
    await page.getByRole('button', { name: 'Approve this plan' }).click();
    const refusal = await page.getByTestId('refusal').textContent({ timeout: 30_000 });
    expect(refusal).toMatch(/decision is for plan f{64}, but the pending plan is [0-9a-f]{64}/);
    expect(refusal).toContain('nothing was recorded in its history');
    const mirror = await world.platform.db.selectFrom('approvals').select('status').where('id', '=', approvalId).executeTakeFirstOrThrow();
    expect(mirror.status).toBe('pending');

    await page.reload();
    await page.getByLabel('Reason (recorded with your decision)').fill('not during clinic hours');
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.getByTestId('receipt').textContent({ timeout: 30_000 })).toContain('Rejected at');
    expect(world.lab.site.applications(host)).toEqual([]);
  });

  it('gives a partner the same "not found" for another partner’s site, heal or history as for none', async () => {
    for (const path of [`/sites/${other.siteId}`, `/sites/${other.siteId}/hosts/${other.hostIds[0]}`, `/workflows?site=${other.siteId}`, `/incidents/${encodeURIComponent(`heal:${other.siteId}:x`)}`]) {
      const r = await page.goto(web(path));
      expect(r?.status(), path).toBe(404);
    }
  });
});
