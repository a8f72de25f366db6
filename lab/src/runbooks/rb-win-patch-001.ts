/** Lab semantics of RB-WIN-PATCH-001 (no critical or important security updates waiting). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type RunbookFacts } from './facts.js';
import { intParam, listParam } from './support.js';

function check(ctx: HandlerContext) {
  const severities = listParam(ctx, 'blockingSeverities').map(String);
  const pending = factsOf(ctx.state, ctx.now).updates.pending.map((u) => ({ title: u.title, kb: u.kb, severity: u.severity }));
  return { pendingCount: pending.length, blockingCount: pending.filter((u) => severities.includes(u.severity)).length, pending };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-PATCH-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      intParam(ctx, 'waitMinutes');
      const facts = factsOf(ctx.state, ctx.now);
      const severities = listParam(ctx, 'blockingSeverities').map(String);
      const todo = facts.updates.pending.filter((u) => severities.includes(u.severity));
      // The SYSTEM task installs them; the lab's installs always succeed and always want a restart.
      facts.updates.pending = facts.updates.pending.filter((u) => !todo.includes(u));
      for (const u of todo) ctx.state.hotfixes.unshift({ hotFixId: u.kb.split(',')[0] ?? u.kb, description: 'Security Update', installedOn: ctx.now.toISOString().slice(0, 10) });
      if (todo.length > 0) ctx.state.pendingReboot = true;
      const installed = todo.map((u) => u.title);
      return { changed: installed.length > 0, actions: installed.map((t) => `installed ${t}`), installed, failed: [], rebootRequired: todo.length > 0 };
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [
    factPatch(['updates', 'pending'], [
      ...((state as { facts?: RunbookFacts }).facts?.updates.pending ?? []),
      { title: '2026-11 Security Update for Windows (KB5070777)', kb: 'KB5070777', severity: 'Critical' },
    ]),
  ],
});
