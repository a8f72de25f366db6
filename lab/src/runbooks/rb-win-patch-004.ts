/** Lab semantics of RB-WIN-PATCH-004 (no restart left pending after updates). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { daysSince, done } from './support.js';

function check(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const pending = ctx.state.pendingReboot;
  return { windowsUpdate: pending, componentServicing: false, pendingFileRenames: false, rebootPending: pending, lastBootUpTime: facts.lastBootUpTime, uptimeDays: daysSince(ctx.now, facts.lastBootUpTime) };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-PATCH-004', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const actions: string[] = [];
      if (ctx.state.pendingReboot) {
        // The script schedules the restart and returns; the lab applies its effect at once, so the
        // next script sees the host as it is after the restart.
        ctx.state.pendingReboot = false;
        facts.lastBootUpTime = ctx.now.toISOString();
        actions.push('scheduled a restart in 120 seconds');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [statePatch(['pendingReboot'], true)],
});
