/** Lab semantics of RB-WIN-BACKUP-002 (server backup configured); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';

function check(ctx: HandlerContext) {
  const b = factsOf(ctx.state, ctx.now).backup;
  const p = b.installed ? b.policy : null;
  return {
    wsbInstalled: b.installed,
    policyConfigured: p !== null,
    scheduleCount: p?.schedules ?? 0,
    systemState: p?.systemState ?? false,
    bareMetalRecovery: p?.bareMetalRecovery ?? false,
    volumeCount: p?.volumes ?? 0,
    targetCount: p?.targets ?? 0,
  };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-BACKUP-002', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports' },
  drift: () => [factPatch(['backup', 'policy'], null)],
});
