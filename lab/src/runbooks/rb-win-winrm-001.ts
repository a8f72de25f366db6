/** Lab semantics of RB-WIN-WINRM-001 (WinRM refuses unencrypted connections). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { boolParam, done } from './support.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  // Every lab host listens on HTTPS as well as HTTP.
  return { allowUnencrypted: ctx.state.winrm.allowUnencrypted, basicAuth: ctx.state.winrm.basicAuth, httpsListener: true };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-WINRM-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const actions: string[] = [];
      if (ctx.state.winrm.allowUnencrypted) {
        ctx.state.winrm.allowUnencrypted = false;
        actions.push('WinRM no longer accepts unencrypted traffic');
      }
      if (!boolParam(ctx, 'allowBasicAuth') && ctx.state.winrm.basicAuth) {
        ctx.state.winrm.basicAuth = false;
        actions.push('WinRM no longer accepts Basic authentication');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [statePatch(['winrm', 'allowUnencrypted'], true)],
});
