/** Lab semantics of RB-WIN-AD-001 (domain controllers replicate without errors). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { directoryOf } from './directory.js';
import { done } from './support.js';

function check(ctx: HandlerContext) {
  const { replication } = directoryOf(ctx.state, ctx.now).facts;
  return { partners: replication.partners, failures: replication.failures, failingPartners: [...replication.failingPartners] };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { replication } = directoryOf(ctx.state, ctx.now).facts;
      if (replication.failures === 0) return done([]);
      Object.assign(replication, { failures: 0, failingPartners: [] });
      return done(['forced replication with all partners (repadmin /syncall /AdeP)']);
    },
  }),
  cycle: { dc: 'heals' },
  drift: () => [factPatch(['directory', 'replication'], { partners: 1, failures: 2, failingPartners: ['DC02'] })],
});
