/** Lab semantics of RB-WIN-AD-003 (Group Policy applied recently and without errors). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, hoursSince, intParam } from './support.js';

function read(ctx: HandlerContext) {
  const gp = factsOf(ctx.state, ctx.now).groupPolicy;
  if (!ctx.state.domain.joined) return { domainJoined: false, lastSuccess: null, hoursSinceSuccess: null, errorsSinceSuccess: 0 };
  return { domainJoined: true, lastSuccess: gp.lastSuccess, hoursSinceSuccess: gp.lastSuccess === null ? null : hoursSince(ctx.now, gp.lastSuccess), errorsSinceSuccess: gp.errorsSinceSuccess };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-003', 1, {
    check: read,
    verify: read,
    remediate: (ctx) => {
      const r = read(ctx);
      const stale = r.domainJoined && (r.hoursSinceSuccess === null || r.hoursSinceSuccess > intParam(ctx, 'maxHoursSinceRefresh') || r.errorsSinceSuccess > 0);
      if (!stale) return done([]);
      Object.assign(factsOf(ctx.state, ctx.now).groupPolicy, { lastSuccess: ctx.now.toISOString(), errorsSinceSuccess: 0 });
      return done(['refreshed computer Group Policy (gpupdate /target:computer /force)']);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [factPatch(['groupPolicy'], { lastSuccess: new Date(Date.now() - 5 * 86_400_000).toISOString(), errorsSinceSuccess: 3 })],
});
