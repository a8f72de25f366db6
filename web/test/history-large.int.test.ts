import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { uniqueName } from '@custos/testkit';
import { runBulkHistory } from './support/bulk-history.js';
import { launchChromium } from './support/chromium.js';
import { addPerson, seedTenant, signIn, type Tenant } from './support/people.js';
import { startPlatform, type Platform } from './support/platform.js';
import { screenshot, textOf } from './support/screens.js';

describe('the history view of a 5,000-event workflow (real run, Chromium)', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let tenant: Tenant;
  let run: { workflowId: string; runId: string; historyLength: number };

  beforeAll(async () => {
    platform = await startPlatform('history5k');
    tenant = await seedTenant(platform.db, 'Big');
    const tech = await addPerson(platform.db, 'partner_tech', tenant, 'Terry Tech');
    const t = platform.temporal;
    run = await runBulkHistory({ client: t.client, workerConnection: t.workerConnection, namespace: t.namespace, dataConverter: t.dataConverter, siteId: tenant.siteId, targetEvents: 5000, taskQueue: uniqueName('bulk') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, platform.webUrl, tech);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const url = (q = '') => `${platform.webUrl}/workflows/${run.workflowId}/${run.runId}${q}`;

  it('shows every event grouped into spans, with only the visible rows in the page', async () => {
    expect(run.historyLength).toBeGreaterThanOrEqual(4900);
    expect(run.historyLength).toBeLessThanOrEqual(5000);
    await page.goto(url());
    await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'history');
    const shown = await page.locator('main').textContent();
    expect(shown).toContain(`${run.historyLength.toLocaleString('en-US')} events`);
    const spans = Number(/Showing ([\d,]+) of/.exec(shown!)![1]!.replace(/,/g, ''));
    expect(spans).toBeGreaterThan(1000);
    // Windowed rendering: the DOM holds the rows in view, not all of them.
    const rows = await page.locator('.timeline li.row').count();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(120);
    // Scrolling to the end brings the last spans in.
    await page.locator('.timeline .scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.locator('.timeline li.row').last().textContent()).toMatch(/Activity runCheck|Timer/);
    await screenshot(page, 'history-5000');
  });

  it('filters by URL to the failed checks and reads their failure without decoding by hand', async () => {
    await page.goto(url('?status=failed&category=activity'));
    const text = await page.locator('main').textContent();
    const failed = Number(/Showing ([\d,]+) of/.exec(text!)![1]!.replace(/,/g, ''));
    expect(failed).toBeGreaterThan(20);
    await page.locator('.timeline li.row button').first().click();
    const detail = await textOf(page, 'span-detail');
    expect(detail).toContain('HostUnreachable');
    expect(detail).toMatch(/host did not answer \(check \d+\)/);
    // The decoded input of the failed check, from the encrypted history, decoded on the server.
    await page.getByTestId('span-detail').locator('summary').first().click();
    expect(await page.getByTestId('span-detail').locator('pre').first().textContent()).toMatch(/"runbookId": "RB-WIN-\d{3}"/);
  });

  it('pages the accessible table view', async () => {
    await page.goto(url('?view=table&page=3'));
    expect(await page.getByRole('navigation', { name: 'Pages' }).textContent()).toMatch(/Page 3 of \d+/);
    expect(await page.locator('table tbody tr').count()).toBe(100);
  });
});
