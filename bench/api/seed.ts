import { sql, type Kysely } from 'kysely';
import type { Database } from '@custos/db';

export interface FleetSize {
  partners: number;
  clientsPerPartner: number;
  sitesPerClient: number;
  hostsPerSite: number;
  findingsPerHost: number;
}

/** 100 partners × 5 clients × 2 sites = 1,000 sites; × 20 hosts = 20,000; × 50 findings = 1,000,000. */
export const ISSUE_SIZE: FleetSize = { partners: 100, clientsPerPartner: 5, sitesPerClient: 2, hostsPerSite: 20, findingsPerHost: 50 };

/**
 * Fills an empty, migrated database with a synthetic fleet in a few set-based statements. Foreign
 * key triggers are skipped for the bulk insert (session_replication_role = replica) because the
 * rows are generated from their parents and so consistent by construction; indexes stay on, as
 * they would be in production. ~30 % of findings are open, spread over the last 90 days.
 */
export async function seedFleet(db: Kysely<Database>, size: FleetSize, progress: (line: string) => void): Promise<void> {
  await db.connection().execute(async (c) => {
    await sql`set session_replication_role = replica`.execute(c);
    const step = async (label: string, q: ReturnType<typeof sql>) => {
      const t = Date.now();
      await q.execute(c);
      progress(`${label} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    await step(`${size.partners} partners`, sql`insert into partners (name, slug) select 'Partner ' || i, 'bench-p' || i from generate_series(1, ${size.partners}) i`);
    await step('clients', sql`insert into clients (partner_id, name) select p.id, 'Clinic ' || j from partners p, generate_series(1, ${size.clientsPerPartner}) j`);
    await step('sites', sql`insert into sites (partner_id, client_id, name) select c.partner_id, c.id, 'Site ' || k from clients c, generate_series(1, ${size.sitesPerClient}) k`);
    await step(
      'appliances',
      sql`insert into appliances (partner_id, client_id, site_id, name, public_key, token_sha256, agent_version, last_heartbeat_at)
          select partner_id, client_id, id, 'appliance', decode(md5(random()::text) || md5(random()::text), 'hex'),
                 decode(md5(random()::text) || md5(random()::text), 'hex'), '0.1.0', now() - random() * interval '2 hours' from sites`,
    );
    await step(
      'hosts',
      sql`insert into hosts (partner_id, client_id, site_id, hostname, os, role)
          select s.partner_id, s.client_id, s.id, 'host-' || h, 'Windows 11', case when h = 1 then 'domain_controller' else 'workstation' end
          from sites s, generate_series(1, ${size.hostsPerSite}) h`,
    );
    await step(
      'findings',
      sql`insert into findings (partner_id, client_id, site_id, host_id, check_id, control_ids, severity, status, summary, observed_at)
          select h.partner_id, h.client_id, h.site_id, h.id, 'check-' || f, array['164.312(a)(1)'],
                 (array['critical', 'high', 'medium', 'low'])[1 + f % 4], case when random() < 0.3 then 'open' else 'resolved' end,
                 'Synthetic finding', now() - random() * interval '90 days'
          from hosts h, generate_series(1, ${size.findingsPerHost}) f`,
    );
    await sql`set session_replication_role = origin`.execute(c);
    // vacuum sets the visibility map, so counts over the partial open-findings index stay index-only
    await step('vacuum analyze', sql`vacuum analyze`);
  });
}
