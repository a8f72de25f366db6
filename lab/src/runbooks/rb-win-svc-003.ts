/** Lab semantics of RB-WIN-SVC-003 (Print Spooler off on domain controllers, on for print servers). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch, statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, requireService } from './support.js';

function read(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const isDc = ctx.state.kind === 'dc';
  const shared = facts.sharedPrinters;
  const expected = isDc ? 'disabled' : shared > 0 ? 'running' : 'any';
  return { isDc, shared, expected, service: requireService(ctx.state, 'Spooler') };
}

function check(ctx: HandlerContext) {
  const { isDc, shared, expected, service } = read(ctx);
  return { isDomainController: isDc, sharedPrinters: shared, status: service.status, startType: service.startType, expected };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SVC-003', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { expected, service } = read(ctx);
      const actions: string[] = [];
      if (expected === 'disabled') {
        if (service.status !== 'Stopped') {
          service.status = 'Stopped';
          actions.push('stopped the Print Spooler');
        }
        if (service.startType !== 'Disabled') {
          service.startType = 'Disabled';
          actions.push('disabled the Print Spooler');
        }
      } else if (expected === 'running') {
        if (service.startType !== 'Automatic') {
          service.startType = 'Automatic';
          actions.push('set the Print Spooler to start automatically');
        }
        if (service.status !== 'Running') {
          service.status = 'Running';
          actions.push('started the Print Spooler');
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  // DC: the spooler came back after an update; elsewhere: a print server whose spooler crashed.
  drift: (state) =>
    state.kind === 'dc'
      ? [statePatch(['services', 'Spooler'], { displayName: 'Print Spooler', status: 'Running', startType: 'Automatic' })]
      : [factPatch(['sharedPrinters'], 2), statePatch(['services', 'Spooler'], { displayName: 'Print Spooler', status: 'Stopped', startType: 'Manual' })],
});
