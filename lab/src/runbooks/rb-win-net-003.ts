/** Lab semantics of RB-WIN-NET-003 (office network not classified as public). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';

function check(ctx: HandlerContext) {
  const profiles = factsOf(ctx.state, ctx.now).network.adapters.map((a) => ({ interfaceAlias: a.name, interfaceIndex: a.ifIndex, category: a.category }));
  return { domainJoined: ctx.state.domain.joined, profiles, publicCount: profiles.filter((p) => p.category === 'Public').length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-NET-003', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const actions: string[] = [];
      if (ctx.state.domain.joined) {
        for (const a of factsOf(ctx.state, ctx.now).network.adapters.filter((x) => x.category === 'Public')) {
          a.category = 'Private';
          actions.push(`${a.name}: network category changed from Public to Private`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [factPatch(['network', 'adapters', 0, 'category'], 'Public')],
});
