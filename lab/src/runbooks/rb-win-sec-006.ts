/** Lab semantics of RB-WIN-SEC-006 (Defender real-time protection on). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';

function check(ctx: HandlerContext) {
  const f = factsOf(ctx.state, ctx.now).defender;
  const rtp = ctx.state.defender.realTimeProtectionEnabled;
  return {
    realTimeProtectionEnabled: rtp,
    behaviorMonitorEnabled: f.behaviorMonitor,
    ioavProtectionEnabled: f.ioav,
    // On-access scanning is part of real-time protection: off when it is off.
    onAccessProtectionEnabled: rtp && f.onAccess,
    tamperProtected: ctx.state.defender.isTamperProtected,
  };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-006', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const f = factsOf(ctx.state, ctx.now).defender;
      const actions: string[] = [];
      if (!ctx.state.defender.realTimeProtectionEnabled || !f.onAccess) {
        ctx.state.defender.realTimeProtectionEnabled = true;
        f.onAccess = true;
        actions.push('turned on real-time protection');
      }
      if (!f.behaviorMonitor) {
        f.behaviorMonitor = true;
        actions.push('turned on behavior monitoring');
      }
      if (!f.ioav) {
        f.ioav = true;
        actions.push('turned on scanning of downloaded files and attachments');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [statePatch(['defender', 'realTimeProtectionEnabled'], false), statePatch(['facts', 'defender', 'behaviorMonitor'], false)],
});
