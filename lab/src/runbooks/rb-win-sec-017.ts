/** Lab semantics of RB-WIN-SEC-017 (no unapproved Defender exclusions). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';
import { beforeParam, done, listParam } from './support.js';

type Exclusion = { kind: 'Path' | 'Process' | 'Extension'; value: string };

function read(ctx: HandlerContext) {
  const approved = listParam(ctx, 'approvedExclusions').map(String);
  const all = factsOf(ctx.state, ctx.now).defender.exclusions.map((e) => ({ kind: e.kind, value: e.value }));
  return { all, unapproved: all.filter((e) => !approved.includes(e.value)) };
}

function check(ctx: HandlerContext) {
  const { all, unapproved } = read(ctx);
  return { exclusions: all, unapproved, unapprovedCount: unapproved.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-017', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { unapproved } = read(ctx);
      const f = factsOf(ctx.state, ctx.now).defender;
      const actions: string[] = [];
      for (const e of unapproved) {
        f.exclusions = f.exclusions.filter((x) => !(x.kind === e.kind && x.value === e.value));
        actions.push(`removed ${e.kind.toLowerCase()} exclusion ${e.value}`);
      }
      return done(actions, { before: { removed: unapproved } });
    },
    rollback: (ctx) => {
      const f = factsOf(ctx.state, ctx.now).defender;
      const actions: string[] = [];
      for (const e of (beforeParam(ctx).removed ?? []) as Exclusion[]) {
        if (!f.exclusions.some((x) => x.kind === e.kind && x.value === e.value)) {
          f.exclusions.push({ kind: e.kind, value: e.value });
          actions.push(`restored ${e.kind.toLowerCase()} exclusion ${e.value}`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [factPatch(['defender', 'exclusions'], [...((state as { facts?: { defender: { exclusions: Exclusion[] } } }).facts?.defender.exclusions ?? []), { kind: 'Path', value: 'C:\\Users\\Public\\Libraries' }])],
});
