/** Lab semantics of RB-WIN-STG-002 (Volume Shadow Copy service available). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, requireService } from './support.js';

function check(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const s = requireService(ctx.state, 'VSS');
  return { startType: s.startType, status: s.status, shadowCopies: facts.shadowCopies };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-STG-002', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      factsOf(ctx.state, ctx.now);
      const s = requireService(ctx.state, 'VSS');
      if (s.startType !== 'Disabled') return done([]);
      s.startType = 'Manual';
      return done(['set Volume Shadow Copy back to Manual (on demand)']);
    },
  }),
  cycle: { dc: 'heals', server: 'heals' },
  drift: () => [statePatch(['services', 'VSS'], { displayName: 'Volume Shadow Copy', status: 'Stopped', startType: 'Disabled' })],
});
