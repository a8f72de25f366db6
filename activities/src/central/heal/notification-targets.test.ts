import { describe, expect, it } from 'vitest';
import type { NotificationChannel } from '@custos/db';
import { routeChannels } from './notification-targets.js';

const ch = (id: string, min: NotificationChannel['min_priority'], minutes: number, enabled = true): NotificationChannel => ({
  id,
  partner_id: 'p',
  kind: 'email',
  name: id,
  target: `${id}@clinic.test`,
  min_priority: min,
  enabled,
  created_at: new Date(minutes * 60_000),
});

describe('routing approval notifications to contacts', () => {
  const channels = [ch('second', 'low', 2), ch('first', 'low', 1), ch('pager', 'high', 3), ch('off', 'low', 0, false)];

  it('sends to one contact per level, in set-up order, skipping disabled channels and too-low priorities', () => {
    expect(routeChannels(channels, 'medium', 0).map((c) => c.id)).toEqual(['first']);
    expect(routeChannels(channels, 'medium', 1).map((c) => c.id)).toEqual(['second']);
    expect(routeChannels(channels, 'medium', 5).map((c) => c.id)).toEqual(['second']);
    expect(routeChannels(channels, 'high', 2).map((c) => c.id)).toEqual(['pager']);
  });

  it('sends critical events to every eligible channel at once', () => {
    expect(routeChannels(channels, 'critical', 0).map((c) => c.id)).toEqual(['first', 'second', 'pager']);
  });

  it('returns nothing when no channel takes the priority', () => {
    expect(routeChannels([ch('pager', 'high', 0)], 'low', 0)).toEqual([]);
  });
});
