/** Lab semantics of RB-WIN-SEC-028 (no risky ports opened to public networks). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type RunbookFacts } from './facts.js';
import { beforeParam, done, listParam } from './support.js';

function flagged(ctx: HandlerContext) {
  const risky = listParam(ctx, 'riskyPorts').map(String);
  const allowed = listParam(ctx, 'allowedRuleNames').map(String);
  return factsOf(ctx.state, ctx.now)
    .firewallRules.filter((r) => r.enabled && /Public/.test(r.profile) && !allowed.includes(r.name) && r.remoteAddresses.includes('Any'))
    .map((r) => ({ rule: r, hits: r.localPorts.filter((p) => risky.includes(p)) }))
    .filter((x) => x.hits.length > 0);
}

function check(ctx: HandlerContext) {
  const rules = flagged(ctx).map(({ rule, hits }) => ({ name: rule.name, displayName: rule.displayName, profile: rule.profile, ports: hits }));
  return { rules, count: rules.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-028', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const actions: string[] = [];
      const disabled: string[] = [];
      for (const { rule } of flagged(ctx)) {
        rule.enabled = false;
        disabled.push(rule.name);
        actions.push(`disabled inbound rule ${rule.name} (${rule.displayName})`);
      }
      return done(actions, { before: { disabledRules: disabled } });
    },
    rollback: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const actions: string[] = [];
      for (const name of (beforeParam(ctx).disabledRules ?? []) as string[]) {
        const rule = facts.firewallRules.find((r) => r.name === name);
        if (rule && !rule.enabled) {
          rule.enabled = true;
          actions.push(`re-enabled inbound rule ${name}`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => {
    const rules = (state as { facts?: RunbookFacts }).facts?.firewallRules ?? [];
    return [factPatch(['firewallRules'], [...rules, { name: 'FPS-SMB-In-TCP-Public', displayName: 'File and Printer Sharing (SMB-In)', enabled: true, profile: 'Public', localPorts: ['445'], remoteAddresses: ['Any'] }])];
  },
});
