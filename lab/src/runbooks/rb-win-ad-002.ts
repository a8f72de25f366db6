/** Lab semantics of RB-WIN-AD-002 (computer trusted by the domain). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';

function check(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  return { domainJoined: ctx.state.domain.joined, secureChannelOk: ctx.state.domain.joined ? facts.secureChannel : null };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-002', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      if (facts.secureChannel) return done([]);
      facts.secureChannel = true;
      return done(['repaired the secure channel with the domain (machine account password reset)']);
    },
  }),
  cycle: { server: 'heals', workstation: 'heals' },
  drift: () => [factPatch(['secureChannel'], false)],
});
