/** Lab semantics of RB-WIN-UPD-001 (Windows Update services not disabled). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, service } from './support.js';

const WANTED = { wuauserv: 'Manual', BITS: 'Manual', CryptSvc: 'Automatic' } as const;

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const services = Object.keys(WANTED).map((name) => {
    const s = service(ctx.state, name);
    return s ? { name, installed: true, status: s.status, startType: s.startType } : { name, installed: false, status: null, startType: null };
  });
  return { services, disabledCount: services.filter((s) => !s.installed || s.startType === 'Disabled').length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-UPD-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const actions: string[] = [];
      for (const [name, startType] of Object.entries(WANTED)) {
        const s = service(ctx.state, name);
        if (s && s.startType === 'Disabled') {
          s.startType = startType;
          s.status = 'Running';
          actions.push(`set ${name} to ${startType} and started it`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [statePatch(['services', 'wuauserv', 'startType'], 'Disabled'), statePatch(['services', 'wuauserv', 'status'], 'Stopped')],
});
