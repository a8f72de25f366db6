/** Lab semantics of RB-WIN-STG-004 (enough disk space for the event logs to grow); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';

function check(ctx: HandlerContext) {
  const v = factsOf(ctx.state, ctx.now).systemVolume;
  const reserved = ['Security', 'Application', 'System'].reduce((sum, name) => sum + (ctx.state.eventLogs[name]?.maximumSizeInBytes ?? 0), 0);
  return { drive: 'C', sizeBytes: v.sizeBytes, freeBytes: v.freeBytes, freePercent: v.sizeBytes > 0 ? Math.floor((100 * v.freeBytes) / v.sizeBytes) : 0, logMaximumBytes: reserved, logsFit: v.freeBytes >= 2 * reserved };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-STG-004', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  drift: () => [factPatch(['systemVolume', 'freeBytes'], 150 * 1024 * 1024)],
});
