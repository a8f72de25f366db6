export type ApplianceHealth = 'online' | 'stale' | 'offline' | 'pending';

/** Appliance health from its last heartbeat: < 5 min online, < 1 h stale, else offline; never = pending. */
export function applianceStatus(lastHeartbeat: Date | null, now = Date.now()): ApplianceHealth {
  if (lastHeartbeat === null) return 'pending';
  const age = now - lastHeartbeat.getTime();
  return age < 5 * 60_000 ? 'online' : age < 3600_000 ? 'stale' : 'offline';
}
