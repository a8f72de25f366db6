/** Lab semantics of RB-WIN-SEC-004 (password policy meets the practice standard). */
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
    return { ...base, minimumPasswordLength: ad.minPasswordLength, passwordComplexity: ad.complexityEnabled ? 1 : 0, maximumPasswordAgeDays: ad.maxPasswordAgeDays, minimumPasswordAgeDays: extra.minPasswordAgeDays, passwordHistorySize: extra.passwordHistoryCount, clearTextPassword: extra.reversibleEncryptionEnabled ? 1 : 0 };
  }
  const s = ctx.state;
  return { ...base, minimumPasswordLength: secpol(s, 'MinimumPasswordLength'), passwordComplexity: secpol(s, 'PasswordComplexity'), maximumPasswordAgeDays: secpol(s, 'MaximumPasswordAge'), minimumPasswordAgeDays: secpol(s, 'MinimumPasswordAge'), passwordHistorySize: secpol(s, 'PasswordHistorySize'), clearTextPassword: secpol(s, 'ClearTextPassword') };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-004', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const minLength = intParam(ctx, 'minPasswordLength');
      const maxAge = intParam(ctx, 'maxPasswordAgeDays');
      const history = intParam(ctx, 'passwordHistory');
      const base = policySource(ctx.state);
      if (base.isDomainController) {
        const { ad, extra } = domainPolicy(ctx.state, ctx.now);
        const change: string[] = [];
        if (ad.minPasswordLength < minLength) {
          ad.minPasswordLength = minLength;
          change.push('MinPasswordLength');
        }
        if (!ad.complexityEnabled) {
          ad.complexityEnabled = true;
          change.push('ComplexityEnabled');
        }
        if (ad.maxPasswordAgeDays < 1 || ad.maxPasswordAgeDays > maxAge) {
          ad.maxPasswordAgeDays = maxAge;
          change.push('MaxPasswordAge');
        }
        if (extra.minPasswordAgeDays < 1) {
          extra.minPasswordAgeDays = 1;
          change.push('MinPasswordAge');
        }
        if (extra.passwordHistoryCount < history) {
          extra.passwordHistoryCount = history;
          change.push('PasswordHistoryCount');
        }
        if (extra.reversibleEncryptionEnabled) {
          extra.reversibleEncryptionEnabled = false;
          change.push('ReversibleEncryptionEnabled');
        }
        return done(change.length > 0 ? [`default domain password policy: set ${change.sort().join(', ')}`] : []);
      }
      if (base.domainJoined) return blocked(DOMAIN_MEMBER_BLOCK('password policy'));
      const p = ctx.state.securityPolicy;
      const lines: string[] = [];
      if (secpol(ctx.state, 'MinimumPasswordLength') < minLength) {
        p.MinimumPasswordLength = minLength;
        lines.push(`MinimumPasswordLength = ${minLength}`);
      }
      if (secpol(ctx.state, 'PasswordComplexity') !== 1) {
        p.PasswordComplexity = 1;
        lines.push('PasswordComplexity = 1');
      }
      if (secpol(ctx.state, 'MaximumPasswordAge') < 1 || secpol(ctx.state, 'MaximumPasswordAge') > maxAge) {
        p.MaximumPasswordAge = maxAge;
        lines.push(`MaximumPasswordAge = ${maxAge}`);
      }
      if (secpol(ctx.state, 'MinimumPasswordAge') < 1) {
        p.MinimumPasswordAge = 1;
        lines.push('MinimumPasswordAge = 1');
      }
      if (secpol(ctx.state, 'PasswordHistorySize') < history) {
        p.PasswordHistorySize = history;
        lines.push(`PasswordHistorySize = ${history}`);
      }
      if (secpol(ctx.state, 'ClearTextPassword') !== 0) {
        p.ClearTextPassword = 0;
        lines.push('ClearTextPassword = 0');
      }
      return done(lines.length > 0 ? [`local password policy: set ${lines.join('; ')}`] : []);
    },
  }),
  cycle: { dc: 'heals', server: 'blocked', workstation: 'blocked' },
  drift: (state) => (state.kind === 'dc' ? [statePatch(['ad', 'passwordPolicy', 'minPasswordLength'], 7)] : [statePatch(['securityPolicy', 'MinimumPasswordLength'], 7)]),
});
