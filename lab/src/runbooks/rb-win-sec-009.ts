/** Lab semantics of RB-WIN-SEC-009 (only approved accounts are local administrators). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { beforeParam, done, listParam } from './support.js';
import type { HostState } from '../state/host-state.js';

const ADMINISTRATORS = 'S-1-5-32-544';
const WELL_KNOWN: Record<string, string> = { '500': 'Administrator', '512': 'Domain Admins', '513': 'Domain Users', '519': 'Enterprise Admins' };

function nameOf(state: HostState, sid: string): string {
  const local = state.localUsers.find((u) => u.sid === sid);
  if (local) return `${state.computerName}\\${local.name}`;
  const rid = sid.slice(sid.lastIndexOf('-') + 1);
  return `${state.domain.netbiosName}\\${WELL_KNOWN[rid] ?? `user${rid}`}`;
}

function read(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const rids = listParam(ctx, 'approvedRids').map(String);
  const sids = listParam(ctx, 'approvedSids').map(String);
  const members = (ctx.state.localGroups[ADMINISTRATORS]?.members ?? []).map((sid) => {
    const rid = sid.slice(sid.lastIndexOf('-') + 1);
    return { sid, name: nameOf(ctx.state, sid), approved: sids.includes(sid) || (sid.startsWith('S-1-5-21-') && rids.includes(rid)) };
  });
  return { members, unapproved: members.filter((m) => !m.approved) };
}

function check(ctx: HandlerContext) {
  const { members, unapproved } = read(ctx);
  return { members, unapproved, unapprovedCount: unapproved.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-009', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { unapproved } = read(ctx);
      const group = ctx.state.localGroups[ADMINISTRATORS]!;
      const actions: string[] = [];
      for (const m of unapproved) {
        group.members = group.members.filter((s) => s !== m.sid);
        actions.push(`removed ${m.name} (${m.sid}) from the local Administrators group`);
      }
      return done(actions, { before: { removed: unapproved } });
    },
    rollback: (ctx) => {
      const group = ctx.state.localGroups[ADMINISTRATORS]!;
      const actions: string[] = [];
      for (const m of (beforeParam(ctx).removed ?? []) as { sid: string }[]) {
        if (!group.members.includes(String(m.sid))) {
          group.members.push(String(m.sid));
          actions.push(`restored ${m.sid} to the local Administrators group`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { server: 'heals', workstation: 'heals' },
  // A front-desk user made local admin "to install the label printer".
  drift: (state) => {
    const members = state.localGroups[ADMINISTRATORS]?.members ?? [];
    const domainSid = (members.find((s) => s.endsWith('-512')) ?? 'S-1-5-21-1-2-3-512').replace(/-512$/, '');
    return [statePatch(['localGroups', ADMINISTRATORS, 'members'], [...members.filter((s) => !s.endsWith('-1131')), `${domainSid}-1131`])];
  },
});
