/** Lab semantics of RB-WIN-ACCESS-003 (no burst of failed sign-ins or locked accounts); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { intParam } from './support.js';

function check(ctx: HandlerContext) {
  const s = factsOf(ctx.state, ctx.now).security;
  return { windowHours: intParam(ctx, 'windowHours'), failedLogons: s.failedLogons, distinctAccounts: s.distinctAccounts, lockedOutAccounts: s.lockedOutAccounts };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-ACCESS-003', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  drift: () => [factPatch(['security'], { failedLogons: 480, distinctAccounts: 37, lockedOutAccounts: 4 })],
});
