/** Lab semantics of RB-WIN-FIREWALL-001 (firewall blocks unsolicited inbound traffic and logs drops). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { FIREWALL_POLICY, PROFILES, profileSettings, setProfileValue } from './firewall.js';
import { done, intParam } from './support.js';
import { dword } from '../state/registry.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const minimum = intParam(ctx, 'minLogSizeKilobytes');
  const profiles = PROFILES.map(([name, key]) => {
    const s = profileSettings(ctx.state, key);
    const entry = { name, defaultInboundAction: s.inboundBlocked ? 'Block' : 'Allow', logBlocked: s.logBlocked, logMaxSizeKilobytes: s.logKb };
    return { ...entry, compliant: s.inboundBlocked && s.logBlocked && s.logKb >= minimum };
  });
  return { profiles, nonCompliantCount: profiles.filter((p) => !p.compliant).length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-FIREWALL-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const minimum = intParam(ctx, 'minLogSizeKilobytes');
      const actions: string[] = [];
      for (const [name, key] of PROFILES) {
        const s = profileSettings(ctx.state, key);
        if (!s.inboundBlocked) {
          setProfileValue(ctx.state, key, 'DefaultInboundAction', 1);
          actions.push(`${name}: inbound connections blocked unless a rule allows them`);
        }
        if (!s.logBlocked) {
          setProfileValue(ctx.state, key, 'LogDroppedPackets', 1, true);
          actions.push(`${name}: dropped packets are logged`);
        }
        if (s.logKb < minimum) {
          setProfileValue(ctx.state, key, 'LogFileSize', minimum, true);
          actions.push(`${name}: firewall log size set to ${minimum} KB`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => registryPatch(state, `${FIREWALL_POLICY}\\DomainProfile`, 'DefaultInboundAction', dword(0)),
});
