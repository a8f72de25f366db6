/** Lab semantics of RB-WIN-AD-008 (krbtgt password rotated regularly); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { directoryOf } from './directory.js';
import { daysSince } from './support.js';

function check(ctx: HandlerContext) {
  const { ad } = directoryOf(ctx.state, ctx.now);
  const krbtgt = ad.users.find((u) => u.samAccountName === 'krbtgt');
  if (!krbtgt?.passwordLastSet) return { passwordLastSet: null, passwordAgeDays: null };
  return { passwordLastSet: new Date(krbtgt.passwordLastSet).toISOString(), passwordAgeDays: daysSince(ctx.now, krbtgt.passwordLastSet) };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-008', 1, { check, verify: check }),
  cycle: { dc: 'reports' },
  drift: (state) => [statePatch(['ad', 'users', state.ad?.users.findIndex((u) => u.samAccountName === 'krbtgt') ?? 0, 'passwordLastSet'], new Date(Date.now() - 400 * 86_400_000).toISOString())],
});
