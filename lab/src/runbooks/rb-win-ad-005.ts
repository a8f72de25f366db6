/** Lab semantics of RB-WIN-AD-005 (privileged domain groups hold only approved accounts); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { directoryOf } from './directory.js';
import { listParam } from './support.js';

const GROUPS = [
  ['Domain Admins', '-512'],
  ['Enterprise Admins', '-519'],
  ['Schema Admins', '-518'],
  ['Administrators', 'S-1-5-32-544'],
  ['Account Operators', 'S-1-5-32-548'],
  ['Server Operators', 'S-1-5-32-549'],
  ['Print Operators', 'S-1-5-32-550'],
  ['Backup Operators', 'S-1-5-32-551'],
] as const;

function check(ctx: HandlerContext) {
  const { ad } = directoryOf(ctx.state, ctx.now);
  const approved = listParam(ctx, 'approvedMembers').map(String);
  const domainSid = (ad.groups.find((g) => g.name === 'Domain Admins')?.sid ?? 'S-1-5-21-0-0-0-512').replace(/-512$/, '');
  const direct = (name: string) => [...(ad.groups.find((g) => g.name === name)?.members ?? []), ...ad.users.filter((u) => u.memberOf.includes(name)).map((u) => u.samAccountName)];
  // Get-ADGroupMember -Recursive: the built-in Administrators group contains Domain and Enterprise Admins.
  const members = (name: string) => [...new Set(name === 'Administrators' ? [...direct(name), ...direct('Domain Admins'), ...direct('Enterprise Admins')] : direct(name))].sort();
  const groups = GROUPS.map(([name, sid]) => ({ group: name, sid: sid.startsWith('-') ? `${domainSid}${sid}` : sid, members: members(name) }));
  const unapproved = groups.flatMap((g) => g.members.filter((m) => !approved.includes(m)).map((member) => ({ group: g.group, member })));
  return { groups, unapproved, unapprovedCount: unapproved.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-AD-005', 1, { check, verify: check }),
  cycle: { dc: 'reports' },
  // The front-desk account added to Domain Admins "temporarily".
  drift: (state) => {
    const index = state.ad?.groups.findIndex((g) => g.name === 'Domain Admins') ?? -1;
    const members = state.ad?.groups[index]?.members ?? [];
    return [statePatch(['ad', 'groups', index, 'members'], [...members.filter((m) => m !== 'frontdesk'), 'frontdesk'])];
  },
});
