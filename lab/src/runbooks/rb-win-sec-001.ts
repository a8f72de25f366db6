/** Lab semantics of RB-WIN-SEC-001 (Windows Firewall on for every network profile). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { FIREWALL_POLICY, PROFILES, profileSettings, setProfileValue } from './firewall.js';
import { done } from './support.js';
import { dword } from '../state/registry.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const profiles = PROFILES.map(([name, key]) => ({ name, enabled: profileSettings(ctx.state, key).enabled }));
  return { profiles, disabledCount: profiles.filter((p) => !p.enabled).length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const actions: string[] = [];
      const off = PROFILES.filter(([, key]) => !profileSettings(ctx.state, key).enabled);
      if (off.length > 0) {
        for (const rule of facts.firewallRules.filter((r) => r.name === 'WINRM-HTTP-In-TCP' || r.name === 'WINRM-HTTP-In-TCP-PUBLIC')) {
          if (!rule.enabled) {
            rule.enabled = true;
            actions.push(`enabled firewall rule ${rule.name}`);
          }
        }
      }
      for (const [name, key] of off) {
        setProfileValue(ctx.state, key, 'EnableFirewall', 1);
        actions.push(`turned on the ${name} firewall profile`);
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => registryPatch(state, `${FIREWALL_POLICY}\\PublicProfile`, 'EnableFirewall', dword(0)),
});
