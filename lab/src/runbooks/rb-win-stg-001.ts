/** Lab semantics of RB-WIN-STG-001 (enough free space on the Windows drive). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type RunbookFacts } from './facts.js';
import { done, intParam } from './support.js';

const GB = 1024 ** 3;
const round1 = (x: number) => Math.round(x * 10) / 10;

function check(ctx: HandlerContext) {
  const v = factsOf(ctx.state, ctx.now).systemVolume;
  return { drive: 'C', sizeGB: round1(v.sizeBytes / GB), freeGB: round1(v.freeBytes / GB), freePercent: v.sizeBytes > 0 ? Math.floor((100 * v.freeBytes) / v.sizeBytes) : 0 };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-STG-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const v = factsOf(ctx.state, ctx.now).systemVolume;
      const days = intParam(ctx, 'tempFileAgeDays');
      if (v.reclaimableBytes <= 0) return done([]);
      // What the cleanup finds in the lab: old temp files (70%) and the update download cache (30%).
      const freed = v.reclaimableBytes;
      v.freeBytes += freed;
      v.reclaimableBytes = 0;
      return done([`removed ${Math.max(1, Math.round(freed / 2_000_000))} temporary files older than ${days} days from C:\\Windows\\Temp`, 'cleared the Windows Update download cache', `freed ${Math.round(freed / 1_048_576)} MB on C:`]);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => {
    const size = (state as { facts?: RunbookFacts }).facts?.systemVolume.sizeBytes ?? 256 * GB;
    return [factPatch(['systemVolume', 'freeBytes'], Math.round(size * 0.04)), factPatch(['systemVolume', 'reclaimableBytes'], Math.round(size * 0.12))];
  },
});
