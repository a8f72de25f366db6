/** Lab semantics of RB-WIN-SEC-021 (no WMI event subscriptions that run code). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type RunbookFacts } from './facts.js';
import { done } from './support.js';

const CODE_CONSUMERS = ['CommandLineEventConsumer', 'ActiveScriptEventConsumer'];

function check(ctx: HandlerContext) {
  const subscriptions = factsOf(ctx.state, ctx.now).wmiSubscriptions.map((s) => ({ filter: s.filter, consumer: s.consumer, consumerClass: s.consumerClass }));
  const suspicious = subscriptions.filter((s) => CODE_CONSUMERS.includes(s.consumerClass));
  return { subscriptions, suspicious, count: suspicious.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-021', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const bad = facts.wmiSubscriptions.filter((s) => CODE_CONSUMERS.includes(s.consumerClass));
      facts.wmiSubscriptions = facts.wmiSubscriptions.filter((s) => !bad.includes(s));
      return done(bad.map((s) => `removed WMI subscription ${s.filter} -> ${s.consumer} (${s.consumerClass})`));
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [
    factPatch(['wmiSubscriptions'], [
      ...((state as { facts?: RunbookFacts }).facts?.wmiSubscriptions ?? []),
      { filter: 'SysHealthFilter', consumer: 'SysHealthConsumer', consumerClass: 'CommandLineEventConsumer' },
    ]),
  ],
});
