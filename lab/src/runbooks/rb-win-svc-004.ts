/** Lab semantics of RB-WIN-SVC-004 (Windows Time running and synchronised). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch, statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, requireService } from './support.js';

const UNSYNCED = ['', 'Local CMOS Clock', 'Free-running System Clock'];

function check(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const s = requireService(ctx.state, 'W32Time');
  return { status: s.status, startType: s.startType, source: s.status === 'Running' ? facts.timeSource : '' };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SVC-004', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const s = requireService(ctx.state, 'W32Time');
      const actions: string[] = [];
      if (s.startType === 'Disabled') {
        s.startType = 'Automatic';
        actions.push('set Windows Time to start automatically');
      }
      if (s.status !== 'Running') {
        s.status = 'Running';
        actions.push('started Windows Time');
      }
      if (UNSYNCED.includes(facts.timeSource)) {
        // With a configured source, a resync is all it takes (RB-WIN-TIME-001 handles the configuration).
        facts.timeSource = ctx.state.kind === 'dc' ? 'time.windows.com,0x9' : `DC01.${ctx.state.domain.dnsName}`;
        actions.push('asked Windows Time to resynchronise');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [statePatch(['services', 'W32Time'], { displayName: 'Windows Time', status: 'Stopped', startType: 'Disabled' }), factPatch(['timeSource'], 'Local CMOS Clock')],
});
