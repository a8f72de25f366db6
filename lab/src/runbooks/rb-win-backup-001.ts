/** Lab semantics of RB-WIN-BACKUP-001 (backup completed successfully within the last day). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { blocked, done, hoursSince, intParam } from './support.js';

function check(ctx: HandlerContext) {
  const b = factsOf(ctx.state, ctx.now).backup;
  if (!b.installed) return { wsbInstalled: false, policyConfigured: false, lastSuccess: null, hoursSinceSuccess: null, lastResultHresult: null };
  return { wsbInstalled: true, policyConfigured: b.policy !== null, lastSuccess: b.lastSuccess, hoursSinceSuccess: b.lastSuccess === null ? null : hoursSince(ctx.now, b.lastSuccess), lastResultHresult: b.lastResultHresult };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-BACKUP-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const r = check(ctx);
      const b = factsOf(ctx.state, ctx.now).backup;
      if (r.hoursSinceSuccess !== null && r.hoursSinceSuccess <= intParam(ctx, 'maxAgeHours')) return done([]);
      if (!b.installed || b.policy === null) return blocked('no Windows Server Backup policy is configured; RB-WIN-BACKUP-002 reports what is missing');
      // Start-WBBackup runs the policy to completion; the lab's backups succeed at once.
      Object.assign(b, { lastSuccess: ctx.now.toISOString(), lastResultHresult: 0 });
      return done(['ran the configured Windows Server Backup policy now']);
    },
  }),
  cycle: { dc: 'heals', server: 'heals' },
  drift: () => [factPatch(['backup'], { installed: true, policy: { schedules: 1, systemState: true, bareMetalRecovery: true, volumes: 2, targets: 1 }, lastSuccess: new Date(Date.now() - 3 * 86_400_000).toISOString(), lastResultHresult: -2147024784 })],
});
