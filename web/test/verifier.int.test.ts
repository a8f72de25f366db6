import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildScenarioKit, offlineOtsProof } from '../../lib/evidence/test/kit-scenario.js';
import { launchChromium } from './support/chromium.js';
import { addPerson, seedTenant, signIn } from './support/people.js';
import { startPlatform, type Platform } from './support/platform.js';
import { screenshot, textOf } from './support/screens.js';

function writeKit(dir: string, files: Map<string, Uint8Array>): string {
  for (const [p, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), bytes);
  }
  return dir;
}

describe('the in-browser kit verifier (Web Worker, nothing uploaded)', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let work: string;
  let kit: Map<string, Uint8Array>;
  const uploads: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform('verifier');
    const tenant = await seedTenant(platform.db, 'Audit');
    const auditor = await addPerson(platform.db, 'auditor', tenant, 'Avery Auditor', [tenant.clientId]);
    // A real kit from the evidence core: signed bundles in two site logs, checkpoints, an anchor log with an OTS proof.
    kit = await buildScenarioKit({
      sites: [
        { tenant: 'tenant-0001', site: 'site-0001', bundles: 120, checkpointEvery: 50, historyEvery: 40 },
        { tenant: 'tenant-0001', site: 'site-0002', bundles: 30, checkpointEvery: 10 },
      ],
      anchors: { ots: offlineOtsProof },
    });
    work = mkdtempSync(path.join(tmpdir(), 'custos-web-kit-'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Anything the page sends besides navigation and its own assets would be an upload: record it.
    page.on('request', (r) => {
      if (r.method() !== 'GET') uploads.push(`${r.method()} ${r.url()}`);
    });
    await signIn(page, platform.webUrl, auditor);
    uploads.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function verdictAfter(pick: () => Promise<void>): Promise<string> {
    await page.goto(`${platform.webUrl}/verify`);
    await page.waitForFunction(() => document.querySelector('#kit-zip') !== null);
    await pick();
    await page.getByTestId('verdict').waitFor({ timeout: 90_000 });
    return textOf(page, 'verdict');
  }

  it('verifies a kit folder read from disk, with progress and a per-site report', async () => {
    const dir = writeKit(path.join(work, 'custos-kit-clean'), kit);
    const verdict = await verdictAfter(() => page.locator('#kit-folder').setInputFiles(dir));
    expect(verdict).toContain('Verified: 150 signed bundles in 2 site logs');
    const sites = await textOf(page, 'sites');
    expect(sites).toContain('tenant-0001/site-0001');
    expect(sites).toContain('tenant-0001/site-0002');
    expect(await page.getByTestId('verify-status').textContent()).toMatch(/WebCrypto Ed25519|noble/);
    await screenshot(page, 'verifier-ok');
    expect(uploads).toEqual([]);
  });

  it('fails a tampered kit from a zip and names the object and the reason', async () => {
    const tampered = new Map(kit);
    const victim = [...tampered.keys()].find((p) => /^sites\/tenant-0001\/site-0002\/envelopes\/7-/.test(p))!;
    const bytes = new Uint8Array(tampered.get(victim)!);
    // One byte inside the signed payload: the digest in the name and the signature both stop matching.
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    tampered.set(victim, bytes);
    const zip = path.join(work, 'tampered.zip');
    writeFileSync(zip, zipSync(Object.fromEntries([...tampered].map(([p, b]) => [`custos-kit-tampered/${p}`, b]))));
    const verdict = await verdictAfter(() => page.locator('#kit-zip').setInputFiles(zip));
    expect(verdict).toMatch(/^✘ Not verified: \d+ problems?/);
    const failures = await textOf(page, 'failures');
    expect(failures).toContain(victim);
    expect(failures).toContain('envelope-digest');
    await screenshot(page, 'verifier-tampered');
    expect(uploads).toEqual([]);
  });

  it('says plainly when the files are not a kit', async () => {
    const zip = path.join(work, 'not-a-kit.zip');
    writeFileSync(zip, zipSync({ 'photos/cat.jpg': new Uint8Array([1, 2, 3]) }));
    await page.goto(`${platform.webUrl}/verify`);
    await page.locator('#kit-zip').setInputFiles(zip);
    expect(await page.getByRole('alert').textContent({ timeout: 30_000 })).toContain('not an auditor kit');
  });
});
