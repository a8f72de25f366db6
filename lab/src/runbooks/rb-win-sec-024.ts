/** Lab semantics of RB-WIN-SEC-024 (guest account disabled). The lab keeps the domain guest of a DC in localUsers too. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';
import type { HostState } from '../state/host-state.js';

const guestOf = (state: HostState) => state.localUsers.find((u) => /^S-1-5-21-.*-501$/.test(u.sid));

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const g = guestOf(ctx.state);
  return g ? { found: true, name: g.name, sid: g.sid, enabled: g.enabled } : { found: false, name: null, sid: null, enabled: false };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-024', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const g = guestOf(ctx.state);
      const actions: string[] = [];
      if (g?.enabled) {
        g.enabled = false;
        actions.push(ctx.state.kind === 'dc' ? `disabled the domain guest account ${g.name}` : `disabled the local guest account ${g.name}`);
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [statePatch(['localUsers', state.localUsers.findIndex((u) => u.sid.endsWith('-501')), 'enabled'], true)],
});
