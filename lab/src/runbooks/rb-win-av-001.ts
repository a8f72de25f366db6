/** Lab semantics of RB-WIN-AV-001 (Microsoft Defender antivirus running with current signatures). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { daysSince, done, intParam, requireService } from './support.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const d = ctx.state.defender;
  const updated = new Date(d.antivirusSignatureLastUpdated);
  return {
    serviceRunning: requireService(ctx.state, 'WinDefend').status === 'Running',
    antivirusEnabled: d.amServiceEnabled,
    runningMode: d.amRunningMode,
    signatureAgeDays: Math.max(0, daysSince(ctx.now, updated)),
    // Defender's definition version advances about once a day; derive it from the update date.
    signatureVersion: `1.${Math.floor(updated.getTime() / 86_400_000) - 20_000}.0.0`,
    signatureLastUpdated: updated.toISOString(),
    tamperProtected: d.isTamperProtected,
  };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AV-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const actions: string[] = [];
      const svc = requireService(ctx.state, 'WinDefend');
      if (svc.status !== 'Running') {
        svc.status = 'Running';
        actions.push('started the Microsoft Defender Antivirus service');
      }
      if (daysSince(ctx.now, ctx.state.defender.antivirusSignatureLastUpdated) > intParam(ctx, 'maxSignatureAgeDays')) {
        ctx.state.defender.antivirusSignatureLastUpdated = ctx.now.toISOString();
        actions.push('updated the antivirus signatures');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [statePatch(['defender', 'antivirusSignatureLastUpdated'], new Date(Date.now() - 10 * 86_400_000).toISOString()), ...(state.defender.amRunningMode === 'Normal' ? [] : [statePatch(['defender', 'amRunningMode'], 'Normal')])],
});
