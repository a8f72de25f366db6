/**
 * Who hears about an approval or an escalation: the partner's enabled channels whose minimum
 * priority the event reaches, in the order they were set up — the first is the first contact.
 * Critical events go to all of them at once; otherwise the request goes to one contact per level
 * and re-routing moves it to the next (staying with the last when the list runs out).
 */
import type { NotificationChannel, Severity } from '@custos/db';
import { listChannels } from '@custos/db';
import type { CentralRuntime } from './central-runtime.js';
import { siteScope } from '../inventory/site-scope.js';

export interface ChannelTarget {
  id: string;
  kind: NotificationChannel['kind'];
  name: string;
  target: string;
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function routeChannels(channels: readonly NotificationChannel[], priority: Severity, level: number): ChannelTarget[] {
  const eligible = channels
    .filter((c) => c.enabled && RANK[priority] >= RANK[c.min_priority])
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1))
    .map((c) => ({ id: c.id, kind: c.kind, name: c.name, target: c.target }));
  if (priority === 'critical' || eligible.length === 0) return eligible;
  return [eligible[Math.min(Math.max(0, Math.floor(level)), eligible.length - 1)] as ChannelTarget];
}

export function makeNotificationTargets(rt: CentralRuntime) {
  return async function notificationTargets(req: { siteId: string; priority: Severity; level: number }): Promise<ChannelTarget[]> {
    const { site } = await siteScope(rt.db, req.siteId);
    // Channels belong to the partner, not the site: read them with the partner's scope.
    const channels = await listChannels(rt.db, { kind: 'partner', partnerId: site.partner_id });
    return routeChannels(channels, req.priority, req.level);
  };
}
