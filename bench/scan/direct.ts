/**
 * The same scan with no Temporal in between: the very activity functions scanSite schedules
 * (plan, credentials, checkHosts per batch with the same bounded concurrency, recordScanResults,
 * scan evidence), called directly in this process with their own WinRM client and vault — the
 * baseline that shows what the workflow engine costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createSiteActivities, CredentialVault, LabSiteDirectory, RemediationJournal } from '@custos/activities';
import { WinrmClient } from '@custos/winrm';
import { chunk, forEachBounded } from '../../workflows/src/scan/bounded.js';
import type { BenchEnv } from './support/bench-env.js';

export async function scanDirectly(env: BenchEnv, siteId: string): Promise<{ checks: number; hosts: number }> {
  const journalDir = mkdtempSync(path.join(tmpdir(), 'custos-bench-direct-'));
  const winrm = new WinrmClient({ globalConcurrency: 64, perHostConcurrency: 2 });
  const journal = RemediationJournal.open(journalDir);
  const site = createSiteActivities({ siteId, applianceVersion: 'bench', runtime: { catalogue: env.catalogue, vault: new CredentialVault(new LabSiteDirectory(env.adminUrl)), winrm, journal } });
  const central = env.centralActivities;
  const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => new MockActivityEnvironment().run(fn, ...args);
  try {
    const startedAt = new Date().toISOString();
    const [plan] = await Promise.all([central.loadScanPlan({ siteId, hostKinds: 'all' }), run(site.refreshCredentials, siteId)]);
    const observedAt = new Date().toISOString();
    let checks = 0;
    await forEachBounded(chunk(plan.hosts, plan.batchSize), plan.parallelBatches, async (batch, index) => {
      const { hosts } = await run(site.checkHosts, { siteId, hosts: batch.map((h) => ({ ...h, checks: plan.checksByKind[h.kind] })) });
      checks += hosts.reduce((n, h) => n + h.checks.length, 0);
      const record = await central.recordScanResults({ siteId, observedAt, hosts: batch, results: hosts });
      if (record.controls.length > 0) {
        await run(central.recordEvidence, { requestKey: `direct:${siteId}:${index}`, siteId, kind: 'scan', runId: '0192f0c1-0000-7000-8000-0000000000aa', startedAt, finishedAt: new Date().toISOString(), controls: record.controls });
      }
    });
    return { checks, hosts: plan.hosts.length };
  } finally {
    winrm.close();
    journal.close();
    rmSync(journalDir, { recursive: true, force: true });
  }
}
