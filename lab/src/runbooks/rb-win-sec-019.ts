/** Lab semantics of RB-WIN-SEC-019 (no suspicious programs set to start at sign-in). */
import { defineHandlers, ScriptFailure, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { suspicionReasons } from './suspicion.js';
import { beforeParam, done } from './support.js';
import { normalizeKey, removeRegistryValue, setRegistryValue, sz } from '../state/registry.js';

const KEYS = [
  'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
  'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
];

function read(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const found: { key: string; name: string; command: string; reasons: string[] }[] = [];
  for (const key of KEYS) {
    const stored = Object.keys(ctx.state.registry).find((k) => normalizeKey(k).toLowerCase() === normalizeKey(key).toLowerCase());
    for (const [name, value] of Object.entries(stored === undefined ? {} : (ctx.state.registry[stored] ?? {}))) {
      if (name === '') continue;
      const command = Array.isArray(value.value) ? value.value.join(' ') : String(value.value);
      const reasons = suspicionReasons(command);
      if (reasons.length > 0) found.push({ key, name, command, reasons });
    }
  }
  return found;
}

function check(ctx: HandlerContext) {
  const suspicious = read(ctx);
  return { suspicious, count: suspicious.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-019', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const found = read(ctx);
      for (const e of found) removeRegistryValue(ctx.state, e.key, e.name);
      return done(found.map((e) => `removed ${e.name} from ${e.key}`), { before: { removed: found } });
    },
    rollback: (ctx) => {
      const actions: string[] = [];
      for (const e of (beforeParam(ctx).removed ?? []) as { key: string; name: string; command: string }[]) {
        if (!/^HKLM:\\SOFTWARE\\.*\\CurrentVersion\\Run/i.test(String(e.key))) throw new ScriptFailure(`refusing to restore a value outside the Run keys: ${e.key}`);
        const exists = Object.entries(ctx.state.registry).some(([k, v]) => normalizeKey(k).toLowerCase() === normalizeKey(String(e.key)).toLowerCase() && Object.keys(v).some((n) => n.toLowerCase() === String(e.name).toLowerCase()));
        if (!exists) {
          setRegistryValue(ctx.state, String(e.key), String(e.name), sz(String(e.command)));
          actions.push(`restored ${e.name} in ${e.key}`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => registryPatch(state, KEYS[0]!, 'OneDriveSync', sz('C:\\Users\\Public\\Libraries\\odsync.exe -silent')),
});
