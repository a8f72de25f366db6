/** Lab semantics of RB-WIN-AD-007 (no stale computer accounts in the domain); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { directoryOf } from './directory.js';
import { intParam } from './support.js';

function check(ctx: HandlerContext) {
  const { ad } = directoryOf(ctx.state, ctx.now);
  const days = intParam(ctx, 'inactiveDays');
  const cutoff = ctx.now.getTime() - days * 86_400_000;
  const computers = ad.computers.filter((c) => c.enabled && !(c.lastLogonDate && Date.parse(c.lastLogonDate) >= cutoff)).map((c) => ({ name: c.name, lastLogonDate: c.lastLogonDate || null }));
  return { inactiveDays: days, computers, count: computers.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-007', 1, { check, verify: check }),
  cycle: { dc: 'reports' },
  drift: (state) => [
    statePatch(['ad', 'computers'], [
      ...(state.ad?.computers ?? []),
      { name: 'WS-RECEPT2', dnsHostName: `WS-RECEPT2.${state.domain.dnsName}`, operatingSystem: 'Windows 10 Pro', enabled: true, lastLogonDate: new Date(Date.now() - 210 * 86_400_000).toISOString() },
    ]),
  ],
});
