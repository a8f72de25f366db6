/** Lab semantics of RB-WIN-NET-004 (NetBIOS over TCP/IP turned off). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { beforeParam, done } from './support.js';

function read(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const adapters = facts.network.adapters.map((a) => ({ description: a.description, index: a.ifIndex, netbiosOptions: a.netbiosOptions }));
  return { facts, adapters, enabled: adapters.filter((a) => a.netbiosOptions !== 2) };
}

function check(ctx: HandlerContext) {
  const { adapters, enabled } = read(ctx);
  return { adapters, enabledCount: enabled.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-NET-004', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { facts, enabled } = read(ctx);
      for (const a of enabled) facts.network.adapters.find((x) => x.ifIndex === a.index)!.netbiosOptions = 2;
      return done(enabled.map((a) => `turned off NetBIOS over TCP/IP on ${a.description}`), { before: { adapters: enabled } });
    },
    rollback: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const actions: string[] = [];
      for (const a of (beforeParam(ctx).adapters ?? []) as { index: number; netbiosOptions: number }[]) {
        const adapter = facts.network.adapters.find((x) => x.ifIndex === Number(a.index));
        if (adapter && adapter.netbiosOptions !== Number(a.netbiosOptions)) {
          adapter.netbiosOptions = Number(a.netbiosOptions) as 0 | 1 | 2;
          actions.push(`restored NetBIOS setting ${Number(a.netbiosOptions)} on adapter ${Number(a.index)}`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [factPatch(['network', 'adapters', 0, 'netbiosOptions'], 0)],
});
