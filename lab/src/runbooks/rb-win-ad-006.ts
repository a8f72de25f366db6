/** Lab semantics of RB-WIN-AD-006 (dormant user accounts disabled). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch, statePatch } from './drift.js';
import { directoryOf } from './directory.js';
import { beforeParam, done, intParam, listParam } from './support.js';
import type { RunbookFacts } from './facts.js';

function read(ctx: HandlerContext) {
  const { ad, facts } = directoryOf(ctx.state, ctx.now);
  const days = intParam(ctx, 'inactiveDays');
  const excluded = listParam(ctx, 'excludedAccounts').map(String);
  const cutoff = ctx.now.getTime() - days * 86_400_000;
  // Search-ADAccount -AccountInactive: no logon within the span, or never logged on.
  const inactive = ad.users.filter((u) => u.enabled && !excluded.includes(u.samAccountName) && !(facts.lastLogon[u.samAccountName] && Date.parse(facts.lastLogon[u.samAccountName]!) >= cutoff));
  return { days, ad, inactive, accounts: inactive.map((u) => ({ samAccountName: u.samAccountName, lastLogonDate: facts.lastLogon[u.samAccountName] ?? null })) };
}

function check(ctx: HandlerContext) {
  const { days, accounts } = read(ctx);
  return { inactiveDays: days, accounts, count: accounts.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-006', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { inactive, accounts } = read(ctx);
      for (const u of inactive) u.enabled = false;
      return done(inactive.map((u) => `disabled ${u.samAccountName}`), { before: { disabled: accounts.map((a) => a.samAccountName) } });
    },
    rollback: (ctx) => {
      const { ad } = directoryOf(ctx.state, ctx.now);
      const actions: string[] = [];
      for (const name of (beforeParam(ctx).disabled ?? []) as string[]) {
        const u = ad.users.find((x) => x.samAccountName === String(name));
        if (u && !u.enabled) {
          u.enabled = true;
          actions.push(`re-enabled ${u.samAccountName}`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals' },
  // A nurse who left in the spring; her account still works.
  drift: (state) => {
    const users = state.ad?.users ?? [];
    const directory = (state as { facts?: RunbookFacts }).facts?.directory;
    return [
      statePatch(['ad', 'users'], [...users.filter((u) => u.samAccountName !== 'mlee'), { samAccountName: 'mlee', enabled: true, passwordLastSet: new Date(Date.now() - 300 * 86_400_000).toISOString(), memberOf: ['Domain Users'] }]),
      factPatch(['directory', 'lastLogon'], { ...(directory?.lastLogon ?? {}), mlee: new Date(Date.now() - 200 * 86_400_000).toISOString() }),
    ];
  },
});
