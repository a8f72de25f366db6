/** Lab semantics of RB-WIN-SEC-025 (Defender cloud protection on, sending only safe samples). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';

function check(ctx: HandlerContext) {
  const f = factsOf(ctx.state, ctx.now).defender;
  return { mapsReporting: f.mapsReporting, submitSamplesConsent: f.submitSamplesConsent };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-025', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const f = factsOf(ctx.state, ctx.now).defender;
      const actions: string[] = [];
      if (f.mapsReporting < 1) {
        f.mapsReporting = 2;
        actions.push('joined Microsoft Active Protection Service (cloud protection, advanced membership)');
      }
      if (f.submitSamplesConsent !== 1) {
        f.submitSamplesConsent = 1;
        actions.push('sample submission set to safe samples only');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [factPatch(['defender', 'mapsReporting'], 0)],
});
