/** Lab semantics of RB-WIN-SEC-003 (accounts lock after repeated wrong passwords). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { DOMAIN_MEMBER_BLOCK, domainPolicy, policySource, secpol } from './account-policy.js';
import { blocked, done, intParam } from './support.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const base = policySource(ctx.state);
  if (base.isDomainController) {
    const { ad, extra } = domainPolicy(ctx.state, ctx.now);
    return { ...base, lockoutThreshold: ad.lockoutThreshold, lockoutDurationMinutes: extra.lockoutDurationMinutes, resetLockoutCountMinutes: extra.lockoutObservationMinutes };
  }
  return { ...base, lockoutThreshold: secpol(ctx.state, 'LockoutBadCount'), lockoutDurationMinutes: secpol(ctx.state, 'LockoutDuration'), resetLockoutCountMinutes: secpol(ctx.state, 'ResetLockoutCount') };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-003', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const threshold = intParam(ctx, 'maxLockoutThreshold');
      const minutes = intParam(ctx, 'minLockoutMinutes');
      const base = policySource(ctx.state);
      if (base.isDomainController) {
        const { ad, extra } = domainPolicy(ctx.state, ctx.now);
        const change: string[] = [];
        if (ad.lockoutThreshold < 1 || ad.lockoutThreshold > threshold) {
          ad.lockoutThreshold = threshold;
          change.push('LockoutThreshold');
        }
        if (extra.lockoutDurationMinutes < minutes) {
          extra.lockoutDurationMinutes = minutes;
          change.push('LockoutDuration');
        }
        if (extra.lockoutObservationMinutes < minutes) {
          extra.lockoutObservationMinutes = minutes;
          change.push('LockoutObservationWindow');
        }
        return done(change.length > 0 ? [`default domain lockout policy: set ${change.sort().join(', ')}`] : []);
      }
      if (base.domainJoined) return blocked(DOMAIN_MEMBER_BLOCK('account lockout policy'));
      const p = ctx.state.securityPolicy;
      const lines: string[] = [];
      if (secpol(ctx.state, 'LockoutBadCount') < 1 || secpol(ctx.state, 'LockoutBadCount') > threshold) {
        p.LockoutBadCount = threshold;
        lines.push(`LockoutBadCount = ${threshold}`);
      }
      if (secpol(ctx.state, 'LockoutDuration') < minutes) {
        p.LockoutDuration = minutes;
        lines.push(`LockoutDuration = ${minutes}`);
      }
      if (secpol(ctx.state, 'ResetLockoutCount') < minutes) {
        p.ResetLockoutCount = minutes;
        lines.push(`ResetLockoutCount = ${minutes}`);
      }
      return done(lines.length > 0 ? [`local lockout policy: set ${lines.join('; ')}`] : []);
    },
  }),
  cycle: { dc: 'heals', server: 'blocked', workstation: 'blocked' },
  drift: (state) => (state.kind === 'dc' ? [statePatch(['ad', 'passwordPolicy', 'lockoutThreshold'], 0)] : [statePatch(['securityPolicy', 'LockoutBadCount'], 0)]),
});
