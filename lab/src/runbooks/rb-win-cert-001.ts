/** Lab semantics of RB-WIN-CERT-001 (no server certificates expired or about to expire); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type RunbookFacts } from './facts.js';
import { intParam } from './support.js';

function check(ctx: HandlerContext) {
  const warnDays = intParam(ctx, 'warnDays');
  const limit = ctx.now.getTime() + warnDays * 86_400_000;
  const expiring = factsOf(ctx.state, ctx.now)
    .certificates.filter((c) => c.hasPrivateKey && Date.parse(c.notAfter) < limit)
    .map((c) => ({ subject: c.subject, thumbprint: c.thumbprint, notAfter: new Date(c.notAfter).toISOString(), daysLeft: Math.floor((Date.parse(c.notAfter) - ctx.now.getTime()) / 86_400_000) }));
  return { warnDays, expiring, count: expiring.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-CERT-001', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  drift: (state) => [
    factPatch(['certificates'], [
      ...((state as { facts?: RunbookFacts }).facts?.certificates ?? []),
      { subject: `CN=portal.${state.domain.dnsName}`, thumbprint: '3F2A9C0D5E7B1A4C6D8E0F2A4B6C8D0E1F3A5B7C', notAfter: new Date(Date.now() + 6 * 86_400_000).toISOString(), hasPrivateKey: true },
    ]),
  ],
});
