import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './web-build.js';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');

/** Saves a full-page screenshot of a main page to test-output/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The text of a test id, or an error that says what the page showed instead (error pages, redirects). */
export async function textOf(page: Page, testId: string, timeout = 30_000): Promise<string> {
  try {
    return (await page.getByTestId(testId).textContent({ timeout })) ?? '';
  } catch (err) {
    const main = (await page.locator('main').textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    throw new Error(`no [data-testid=${testId}] at ${page.url()}; the page says: ${main.replace(/\s+/g, ' ').slice(0, 600)}`, { cause: err });
  }
}
