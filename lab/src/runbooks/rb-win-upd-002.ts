/** Lab semantics of RB-WIN-UPD-002 (computer reports to the practice's WSUS server). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch, registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { blocked, daysSince, done, intParam } from './support.js';
import { dword, getRegistryValue, sz } from '../state/registry.js';

const WU = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate';

function read(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const server = getRegistryValue(ctx.state, WU, 'WUServer')?.value;
  const use = getRegistryValue(ctx.state, `${WU}\\AU`, 'UseWUServer')?.value;
  return { facts, server: typeof server === 'string' ? server : null, useWsus: typeof server === 'string' && use === 1 };
}

function check(ctx: HandlerContext) {
  const { facts, server, useWsus } = read(ctx);
  if (!useWsus) return { wsusConfigured: false, server, reachable: null, lastSearchSuccess: null, daysSinceSearch: null };
  return { wsusConfigured: true, server, reachable: facts.updates.wsusReachable, lastSearchSuccess: facts.updates.lastSearchSuccess, daysSinceSearch: daysSince(ctx.now, facts.updates.lastSearchSuccess) };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-UPD-002', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { facts, server } = read(ctx);
      const fresh = daysSince(ctx.now, facts.updates.lastSearchSuccess) <= intParam(ctx, 'maxDaysSinceSearch');
      if (fresh && facts.updates.wsusReachable) return done([]);
      if (!facts.updates.wsusReachable) return blocked(`the WSUS server ${new URL(server ?? 'http://unknown').host} is not reachable from this host; fix the server or the network path`);
      facts.updates.lastSearchSuccess = ctx.now.toISOString();
      return done(['reset the Windows Update client id and restarted the Windows Update service', 'asked Windows Update to check in with WSUS']);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [
    ...registryPatch(state, WU, 'WUServer', sz('http://wsus.custos.lab:8530')),
    ...registryPatch(state, `${WU}\\AU`, 'UseWUServer', dword(1)),
    factPatch(['updates', 'lastSearchSuccess'], new Date(Date.now() - 20 * 86_400_000).toISOString()),
  ],
});
