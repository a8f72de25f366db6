import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '@custos/testkit';
import type { DiscoverySummary, ScanSummary } from '@custos/workflows/messages';
import { replayAndKeep } from './support/histories.js';
import { startWorld, type World } from './support/world.js';

describe('discoverSite: AD inventory from the domain controller, merged, then scanned', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ hosts: 3 });
    // The inventory knows only the DC; the directory knows the rest.
    await world.db.deleteFrom('hosts').where('site_id', '=', world.tenant.siteId).where('hostname', '<>', 'DC01').execute();
    const at = new Date().toISOString();
    world.lab.site.patchState('DC01', [
      {
        op: 'replace',
        path: '/ad/computers',
        value: [
          { name: 'FS01', dnsHostName: 'FS01.custos.lab', operatingSystem: 'Windows Server 2022 Standard', enabled: true, lastLogonDate: at },
          { name: 'WS001', dnsHostName: 'WS001.custos.lab', operatingSystem: 'Windows 11 Pro', enabled: true, lastLogonDate: at },
          { name: 'WS099', dnsHostName: 'WS099.custos.lab', operatingSystem: 'Windows 10 Pro', enabled: false, lastLogonDate: at },
        ],
      },
    ]);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('adds enabled computers with their roles, skips disabled ones, and the next scan checks the new hosts', async () => {
    const workflowId = uniqueName('discover');
    const summary = (await world.temporal.client.workflow.execute('discoverSite', { taskQueue: world.centralTaskQueue, workflowId, args: [{ siteId: world.tenant.siteId }] })) as DiscoverySummary;
    expect(summary).toMatchObject({ source: 'Get-ADComputer', discovered: 4, added: 2, updated: 1, skippedDisabled: 1, total: 3, dcHostId: world.tenant.hostIds.DC01 });

    const hosts = await world.db.selectFrom('hosts').select(['hostname', 'role', 'os']).where('site_id', '=', world.tenant.siteId).orderBy('hostname').execute();
    expect(hosts).toEqual([
      { hostname: 'DC01', role: 'domain_controller', os: expect.stringContaining('Windows Server') },
      { hostname: 'FS01.custos.lab', role: 'server', os: 'Windows Server 2022 Standard' },
      { hostname: 'WS001.custos.lab', role: 'workstation', os: 'Windows 11 Pro' },
    ]);

    const again = (await world.temporal.client.workflow.execute('discoverSite', { taskQueue: world.centralTaskQueue, workflowId: uniqueName('discover'), args: [{ siteId: world.tenant.siteId }] })) as DiscoverySummary;
    expect(again).toMatchObject({ added: 0, updated: 3, total: 3 });

    const scan = (await world.temporal.client.workflow.execute('scanSite', { taskQueue: world.centralTaskQueue, workflowId: uniqueName('scan'), args: [{ siteId: world.tenant.siteId, trigger: 'manual' }] })) as ScanSummary;
    expect(scan).toMatchObject({ hosts: 3, reachable: 3, checks: 9 });
    await replayAndKeep(world.temporal.client, world.temporal.dataConverter, workflowId, { workflow: 'discover-site', name: 'merged' });
  });

  it('fails clearly when the site has no domain controller to ask', async () => {
    await world.db.updateTable('hosts').set({ role: 'server' }).where('site_id', '=', world.tenant.siteId).where('hostname', '=', 'DC01').execute();
    const run = world.temporal.client.workflow.execute('discoverSite', { taskQueue: world.centralTaskQueue, workflowId: uniqueName('discover'), args: [{ siteId: world.tenant.siteId }] });
    await expect(run).rejects.toMatchObject({ cause: { type: 'NotFound', message: expect.stringContaining('has no domain controller') } });
  });
});
