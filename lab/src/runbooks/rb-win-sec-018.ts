/** Lab semantics of RB-WIN-SEC-018 (no suspicious scheduled tasks). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf, type RunbookFacts } from './facts.js';
import { suspicionReasons } from './suspicion.js';
import { beforeParam, done, listParam } from './support.js';

/** PowerShell -like with a trailing `*`: a case-insensitive prefix test. */
const like = (text: string, prefix: string) => text.toLowerCase().startsWith(prefix.toLowerCase());

function read(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const allowed = listParam(ctx, 'allowedTaskPrefixes').map(String);
  return facts.scheduledTasks
    .filter((t) => !like(t.path, '\\Microsoft\\') && t.state !== 'Disabled' && !allowed.some((p) => like(t.path, p)))
    .map((t) => ({ task: t, command: `${t.execute} ${t.arguments}`.trim() }))
    .map((x) => ({ ...x, reasons: suspicionReasons(x.command) }))
    .filter((x) => x.reasons.length > 0);
}

function check(ctx: HandlerContext) {
  const suspicious = read(ctx).map((x) => ({ path: x.task.path, command: x.command, state: x.task.state, reasons: x.reasons }));
  return { suspicious, count: suspicious.length };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-018', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const found = read(ctx);
      for (const x of found) x.task.state = 'Disabled';
      return done(found.map((x) => `disabled scheduled task ${x.task.path}`), { before: { disabled: found.map((x) => x.task.path) } });
    },
    rollback: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      const actions: string[] = [];
      for (const path of (beforeParam(ctx).disabled ?? []) as string[]) {
        const task = facts.scheduledTasks.find((t) => t.path === String(path));
        if (task && task.state === 'Disabled') {
          task.state = 'Ready';
          actions.push(`re-enabled scheduled task ${path}`);
        }
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [
    factPatch(['scheduledTasks'], [
      ...((state as { facts?: RunbookFacts }).facts?.scheduledTasks ?? []),
      { path: '\\WindowsHealthUpdater', execute: 'powershell.exe', arguments: '-NoProfile -WindowStyle Hidden -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=', state: 'Ready' },
    ]),
  ],
});
