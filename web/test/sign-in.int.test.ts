import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { addPerson, seedTenant, signIn, type Person, type Tenant } from './support/people.js';
import { startPlatform, type Platform } from './support/platform.js';
import { REPO_ROOT } from './support/web-build.js';

const SHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');

describe('sign-in and zones, in Chromium against the real API', () => {
  let platform: Platform;
  let browser: Browser;
  let a: Tenant;
  let b: Tenant;
  let adminA: Person;
  let auditorA: Person;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    platform = await startPlatform('signin');
    a = await seedTenant(platform.db, 'A');
    b = await seedTenant(platform.db, 'B');
    adminA = await addPerson(platform.db, 'partner_admin', a, 'Alice Admin');
    auditorA = await addPerson(platform.db, 'auditor', a, 'Oscar Auditor', [a.clientId]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('refuses a wrong password with the API’s words and keeps the email', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.webUrl}/fleet`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email').fill(adminA.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is wrong');
    expect(await page.getByLabel('Email').inputValue()).toBe(adminA.email);
    await page.close();
  });

  it('keeps what was typed (or filled by a password manager) before the page hydrated', async () => {
    // A person of their own: getting past the password starts their authenticator enrolment.
    const typist = await addPerson(platform.db, 'partner_tech', a, 'Tom Typist');
    const page = await browser.newPage();
    // Hold the page's scripts until the form has been filled, as on a slow link.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**/*.js', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${platform.webUrl}/sign-in`, { waitUntil: 'commit' });
    await page.getByLabel('Email').fill(typist.email);
    await page.getByLabel('Password').fill(typist.password);
    expect(await page.evaluate(() => document.documentElement.dataset['hydrated'])).toBeUndefined();
    release();
    await page.waitForFunction(() => document.documentElement.dataset['hydrated'] === 'true');
    expect(await page.getByLabel('Email').inputValue()).toBe(typist.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('totp-secret').count(), { timeout: 20_000 }).toBe(1);
    await page.close();
  });

  it('signs a partner admin in with password and authenticator code, and lands on the fleet', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, platform.webUrl, adminA);
    expect(new URL(page.url()).pathname).toBe('/fleet');
    expect(await page.getByTestId('user-name').textContent()).toBe('Alice Admin');
    // The session cookie is http-only: page scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('custos_session');

    // Another partner's site by URL: the same "not found" as a site that does not exist.
    const other = await page.goto(`${platform.webUrl}/sites/${b.siteId}`);
    expect(other?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Not found');
    const missing = await page.goto(`${platform.webUrl}/sites/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    const own = await page.goto(`${platform.webUrl}/sites/${a.siteId}`);
    expect(own?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(a.siteName);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    const after = await page.goto(`${platform.webUrl}/fleet`);
    expect(new URL(after!.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('keeps an auditor out of partner pages and in the auditor zone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, platform.webUrl, auditorA);
    expect(new URL(page.url()).pathname).toBe('/audit');
    for (const partnerPage of ['/fleet', '/approvals', `/sites/${a.siteId}`, '/settings']) {
      const r = await page.goto(`${platform.webUrl}${partnerPage}`);
      expect(r?.status(), partnerPage).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('Not allowed');
    }
    const nav = await page.getByRole('navigation', { name: 'Main' }).textContent();
    expect(nav).not.toContain('Fleet');
    expect(nav).toContain('Verify a kit');
    await page.goto(`${platform.webUrl}/audit`);
    expect(await page.getByRole('heading', { name: 'Clients you may audit' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toContain(`Clinic A`);
    expect(await page.locator('main').textContent()).not.toContain('Clinic B');
    await context.close();
  });
});
