/** Lab semantics of RB-WIN-PATCH-002 (updates installed within the last month); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { daysSince } from './support.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const latest = [...ctx.state.hotfixes].filter((h) => h.installedOn).sort((a, b) => (a.installedOn < b.installedOn ? 1 : -1))[0];
  if (!latest) return { lastHotFixId: null, lastInstalledOn: null, daysSinceLastInstall: null };
  return { lastHotFixId: latest.hotFixId, lastInstalledOn: latest.installedOn.slice(0, 10), daysSinceLastInstall: daysSince(ctx.now, `${latest.installedOn.slice(0, 10)}T00:00:00Z`) };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-PATCH-002', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  drift: (state) => [statePatch(['hotfixes'], state.hotfixes.map((h) => ({ ...h, installedOn: new Date(Date.now() - 80 * 86_400_000).toISOString().slice(0, 10) })))],
});
