/** Lab semantics of RB-WIN-NET-001 (domain computers use the practice's DNS servers). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { beforeParam, blocked, done, listParam } from './support.js';

function read(ctx: HandlerContext) {
  const pub = listParam(ctx, 'publicResolvers').map(String);
  const facts = factsOf(ctx.state, ctx.now);
  const adapters = facts.network.adapters
    .filter((a) => a.dnsServers.length > 0)
    .map((a) => ({ interfaceAlias: a.name, interfaceIndex: a.ifIndex, servers: [...a.dnsServers], usesPublic: a.dnsServers.some((s) => pub.includes(s)) }));
  return { facts, adapters, offending: adapters.filter((a) => a.usesPublic) };
}

function check(ctx: HandlerContext) {
  const { adapters, offending } = read(ctx);
  return { domainJoined: ctx.state.domain.joined, adapters, publicResolverAdapters: offending.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-NET-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { facts, offending } = read(ctx);
      const wanted = listParam(ctx, 'dnsServers').map(String);
      if (offending.length > 0 && wanted.length === 0) return blocked('no site DNS servers were given (parameter dnsServers); the approver supplies the domain controllers’ addresses');
      const actions: string[] = [];
      for (const a of offending) {
        facts.network.adapters.find((x) => x.ifIndex === a.interfaceIndex)!.dnsServers = [...wanted];
        actions.push(`${a.interfaceAlias}: DNS servers set to ${wanted.join(', ')}`);
      }
      if (actions.length > 0) actions.push('cleared the DNS client cache');
      return done(actions, { before: { adapters: offending.map((a) => ({ interfaceIndex: a.interfaceIndex, servers: a.servers })) } });
    },
    rollback: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const actions: string[] = [];
      for (const a of (beforeParam(ctx).adapters ?? []) as { interfaceIndex: number; servers: string[] }[]) {
        const adapter = facts.network.adapters.find((x) => x.ifIndex === Number(a.interfaceIndex));
        if (adapter) adapter.dnsServers = a.servers.map(String);
        actions.push(`interface ${Number(a.interfaceIndex)}: DNS servers restored to ${a.servers.join(', ')}`);
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  approvedParams: { dnsServers: ['10.20.0.10'] },
  drift: () => [factPatch(['network', 'adapters', 0, 'dnsServers'], ['8.8.8.8', '1.1.1.1'])],
});
