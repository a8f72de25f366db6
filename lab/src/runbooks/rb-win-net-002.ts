/** Lab semantics of RB-WIN-NET-002 (network adapters without excessive errors). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type LabAdapter, type RunbookFacts } from './facts.js';
import { done, intParam } from './support.js';

function read(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const max = intParam(ctx, 'maxPacketErrors');
  const adapters = facts.network.adapters.map((a) => ({ name: a.name, receivedErrors: a.receivedErrors, outboundErrors: a.outboundErrors, carriesManagement: a.management, faulty: a.receivedErrors + a.outboundErrors > max }));
  return { facts, adapters, faulty: adapters.filter((a) => a.faulty) };
}

function check(ctx: HandlerContext) {
  const { adapters, faulty } = read(ctx);
  return { adapters, faultyCount: faulty.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-NET-002', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { facts, faulty } = read(ctx);
      const restartable = faulty.filter((a) => !a.carriesManagement);
      for (const a of restartable) Object.assign(facts.network.adapters.find((x) => x.name === a.name)!, { receivedErrors: 0, outboundErrors: 0 });
      const out = done(restartable.map((a) => `restarted network adapter ${a.name}`));
      if (faulty.length > restartable.length) out.blocked = 'the faulty adapter carries this management connection; restart it from the console or replace the cable, port or card';
      return out;
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  // A second adapter (a backup or storage network) with a bad cable.
  drift: (state) => {
    const adapters = (state as { facts?: RunbookFacts }).facts?.network.adapters ?? [];
    const second = adapters.find((a) => !a.management);
    if (second) return [factPatch(['network', 'adapters', adapters.indexOf(second), 'receivedErrors'], 48_211)];
    const extra: LabAdapter = { name: 'Ethernet 3', ifIndex: 16, description: 'Realtek USB GbE Family Controller', ipAddress: '192.168.50.20', dnsServers: [], category: 'Private', netbiosOptions: 2, receivedErrors: 48_211, outboundErrors: 120, management: false };
    return [factPatch(['network', 'adapters'], [...adapters, extra])];
  },
});
