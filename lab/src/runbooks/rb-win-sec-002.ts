/** Lab semantics of RB-WIN-SEC-002 (security auditing records sign-ins, account changes and new programs). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';
import { dword, getRegistryValue, setRegistryValue } from '../state/registry.js';

const SUFFIX = '-69AE-11D9-BED3-505054503030}';
const REQUIRED = [
  ['{0CCE923F', 'Credential Validation', 3],
  ['{0CCE9237', 'Security Group Management', 1],
  ['{0CCE9235', 'User Account Management', 3],
  ['{0CCE922B', 'Process Creation', 1],
  ['{0CCE9217', 'Account Lockout', 2],
  ['{0CCE9216', 'Logoff', 1],
  ['{0CCE9215', 'Logon', 3],
  ['{0CCE921B', 'Special Logon', 1],
  ['{0CCE922F', 'Audit Policy Change', 1],
  ['{0CCE9211', 'Security System Extension', 1],
  ['{0CCE9228', 'Sensitive Privilege Use', 3],
  ['{0CCE9212', 'System Integrity', 3],
] as const;
const LSA = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa';
const WHAT = ['', 'success', 'failure', 'success and failure'];

function read(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const current = (guid: string) => {
    const key = Object.keys(ctx.state.auditPolicy).find((k) => k.toUpperCase() === guid);
    return key === undefined ? 0 : (ctx.state.auditPolicy[key] ?? 0);
  };
  const rows = REQUIRED.map(([prefix, name, setting]) => {
    const guid = `${prefix}${SUFFIX}`;
    const have = current(guid);
    return { guid, name, required: setting, current: have, ok: (have & setting) === setting };
  });
  return { rows, force: getRegistryValue(ctx.state, LSA, 'SCENoApplyLegacyAuditPolicy')?.value === 1 };
}

function check(ctx: HandlerContext) {
  const { rows, force } = read(ctx);
  return { subcategories: rows, missingCount: rows.filter((r) => !r.ok).length, forceSubcategorySettings: force };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-002', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const { rows, force } = read(ctx);
      const actions: string[] = [];
      if (!force) {
        setRegistryValue(ctx.state, LSA, 'SCENoApplyLegacyAuditPolicy', dword(1));
        actions.push('subcategory audit settings now override legacy category settings');
      }
      for (const row of rows.filter((r) => !r.ok)) {
        // auditpol /set enables the required bits and leaves the other one as it was.
        ctx.state.auditPolicy[row.guid] = (row.current | row.required) as 0 | 1 | 2 | 3;
        actions.push(`auditing ${row.name} (${WHAT[row.required]})`);
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: () => [statePatch(['auditPolicy', `{0CCE9215${SUFFIX}`], 0)],
});
