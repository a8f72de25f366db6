/**
 * Merges AD discovery into the inventory: every enabled computer account becomes (or stays) a host
 * with its role from the directory (domain controller) or its operating system (server vs
 * workstation). Hosts are never deleted here — a computer missing from one answer may be a
 * replication lag, and its findings and evidence must stay attached.
 */
import type { HostRole } from '@custos/db';
import { listHosts, upsertHost } from '@custos/db';
import type { DiscoveredComputer, HostRef } from '../../site/types.js';
import type { CentralRuntime } from '../heal/central-runtime.js';
import { siteScope } from './site-scope.js';

export function roleOf(c: DiscoveredComputer): HostRole {
  if (c.domainController) return 'domain_controller';
  return /server/i.test(c.operatingSystem ?? '') ? 'server' : 'workstation';
}

export interface InventoryMerge {
  added: number;
  updated: number;
  skippedDisabled: number;
  total: number;
}

export function makeInventory(rt: CentralRuntime) {
  return {
    async mergeInventory(req: { siteId: string; computers: DiscoveredComputer[] }): Promise<InventoryMerge> {
      const { scope, site } = await siteScope(rt.db, req.siteId);
      // Existing hosts by short upper-case name: `FS01` and `fs01.clinic.local` are the same machine.
      const short = (name: string) => (name.split('.')[0] ?? name).toUpperCase();
      const known = new Map((await listHosts(rt.db, scope, { siteId: site.id, limit: 10_000 })).map((h) => [short(h.hostname), h.hostname]));
      const out: InventoryMerge = { added: 0, updated: 0, skippedDisabled: 0, total: 0 };
      for (const c of req.computers) {
        if (!c.enabled) {
          out.skippedDisabled++;
          continue;
        }
        const existing = known.get(short(c.name));
        const hostname = existing ?? c.dnsHostName ?? c.name;
        const existed = existing !== undefined;
        await upsertHost(rt.db, scope, { siteId: site.id, hostname, os: c.operatingSystem, role: roleOf(c) });
        if (existed) out.updated++;
        else out.added++;
      }
      out.total = (await listHosts(rt.db, scope, { siteId: site.id, limit: 10_000 })).length;
      return out;
    },

    /** The site's domain controllers (where discovery runs). */
    async domainControllers(req: { siteId: string }): Promise<HostRef[]> {
      const { scope, site } = await siteScope(rt.db, req.siteId);
      return (await listHosts(rt.db, scope, { siteId: site.id, limit: 10_000 })).filter((h) => h.role === 'domain_controller').map((h) => ({ hostId: h.id, hostname: h.hostname, kind: h.role }));
    },
  };
}
