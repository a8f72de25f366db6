import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { commandExists, ensureDebianPackages } from '@custos/testkit';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, installed with apt when missing, launched headless with no sandbox (tests run
 * as root in CI), no GPU and no background traffic. Playwright gives every launch a fresh
 * user-data-dir, and each test's browser context is isolated (cookies, storage).
 */
export async function launchChromium(): Promise<Browser> {
  ensureDebianPackages(['chromium'], () => existsSync(CHROMIUM) && commandExists(CHROMIUM, ['--version']));
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}
