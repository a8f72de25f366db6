import { Type } from 'typebox';
import { applianceStatus } from '@custos/core';
import type { Client, FleetSite, Host, Partner, Site } from '@custos/db';
import { DateTime, Nullable, Uuid } from './common.js';

/** Response shapes: camelCase, ISO dates, and only the columns a client may see. */
export const PartnerView = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String(), createdAt: DateTime });
export const ClientView = Type.Object({ id: Uuid, partnerId: Uuid, name: Type.String(), createdAt: DateTime });
export const SiteView = Type.Object({
  id: Uuid,
  partnerId: Uuid,
  clientId: Uuid,
  name: Type.String(),
  taskQueue: Type.String(),
  healingPaused: Type.Boolean(),
  healingPausedReason: Nullable(Type.String()),
  healingPausedAt: Nullable(DateTime),
  createdAt: DateTime,
});
export const HostView = Type.Object({
  id: Uuid,
  siteId: Uuid,
  hostname: Type.String(),
  os: Nullable(Type.String()),
  role: Type.String(),
  lastSeenAt: Nullable(DateTime),
});
export const FleetSiteView = Type.Object({
  id: Uuid,
  name: Type.String(),
  partnerId: Uuid,
  clientId: Uuid,
  healingPaused: Type.Boolean(),
  hostCount: Type.Integer(),
  openFindings: Type.Integer(),
  applianceStatus: Type.Union([Type.Literal('online'), Type.Literal('stale'), Type.Literal('offline'), Type.Literal('pending')]),
  lastHeartbeatAt: Nullable(DateTime),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const partnerView = (p: Partner) => ({ id: p.id, name: p.name, slug: p.slug, createdAt: p.created_at.toISOString() });
export const clientView = (c: Client) => ({ id: c.id, partnerId: c.partner_id, name: c.name, createdAt: c.created_at.toISOString() });
export const siteView = (s: Site) => ({
  id: s.id,
  partnerId: s.partner_id,
  clientId: s.client_id,
  name: s.name,
  taskQueue: `site.${s.id}`,
  healingPaused: s.healing_paused,
  healingPausedReason: s.healing_paused_reason,
  healingPausedAt: iso(s.healing_paused_at),
  createdAt: s.created_at.toISOString(),
});
export const hostView = (h: Host) => ({ id: h.id, siteId: h.site_id, hostname: h.hostname, os: h.os, role: h.role, lastSeenAt: iso(h.last_seen_at) });


export const fleetSiteView = (s: FleetSite) => ({
  id: s.id,
  name: s.name,
  partnerId: s.partner_id,
  clientId: s.client_id,
  healingPaused: s.healing_paused,
  hostCount: s.host_count,
  openFindings: s.open_findings,
  applianceStatus: applianceStatus(s.last_heartbeat_at),
  lastHeartbeatAt: iso(s.last_heartbeat_at),
});
