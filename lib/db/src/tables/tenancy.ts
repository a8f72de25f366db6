import type { ColumnType, Generated, Selectable } from 'kysely';

/** Columns every row below the partner carries, so one indexed column answers "is this in scope". */
export interface TenantColumns {
  partner_id: string;
  client_id: string;
  site_id: string;
}

export type CreatedAt = ColumnType<Date, never, never>;

export interface PartnersTable {
  id: Generated<string>;
  name: string;
  slug: string;
  created_at: Generated<Date>;
}

export interface ClientsTable {
  id: Generated<string>;
  partner_id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface SitesTable {
  id: Generated<string>;
  partner_id: string;
  client_id: string;
  name: string;
  healing_paused: Generated<boolean>;
  healing_paused_reason: string | null;
  healing_paused_by: string | null;
  healing_paused_at: Date | null;
  created_at: Generated<Date>;
}

export type HostRole = 'domain_controller' | 'server' | 'workstation';

export interface HostsTable extends TenantColumns {
  id: Generated<string>;
  hostname: string;
  os: string | null;
  role: Generated<HostRole>;
  last_seen_at: Date | null;
  created_at: Generated<Date>;
}

export type Partner = Selectable<PartnersTable>;
export type Client = Selectable<ClientsTable>;
export type Site = Selectable<SitesTable>;
export type Host = Selectable<HostsTable>;
