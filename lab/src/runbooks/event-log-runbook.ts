/** Handlers for the event-log size runbooks (Security; Application and System). */
import { defineHandlers, ScriptFailure, type HandlerContext } from '../scripts/handler.js';
import { defineCase, type LabRunbookCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, intParam } from './support.js';

export function eventLogCase(runbook: string, logs: readonly string[]): LabRunbookCase {
  const logOf = (ctx: HandlerContext, name: string) => {
    const log = ctx.state.eventLogs[name];
    if (!log) throw new ScriptFailure(`Get-WinEvent : There is not an event log on the localhost computer that matches "${name}".`);
    return log;
  };
  const check = (ctx: HandlerContext) => {
    factsOf(ctx.state, ctx.now);
    const minimum = intParam(ctx, 'minimumBytes');
    const entries = logs.map((name) => {
      const log = logOf(ctx, name);
      return { name, isEnabled: log.isEnabled, maximumSizeInBytes: log.maximumSizeInBytes, logMode: log.logMode, compliant: log.isEnabled && log.maximumSizeInBytes >= minimum && log.logMode !== 'Retain' };
    });
    return { logs: entries, nonCompliantCount: entries.filter((e) => !e.compliant).length };
  };
  return defineCase({
    handlers: defineHandlers(runbook, 1, {
      check,
      verify: check,
      remediate: (ctx) => {
        const minimum = intParam(ctx, 'minimumBytes');
        const actions: string[] = [];
        for (const name of logs) {
          const log = logOf(ctx, name);
          if (!log.isEnabled) {
            log.isEnabled = true;
            actions.push(`enabled the ${name} log`);
          }
          if (log.maximumSizeInBytes < minimum) {
            log.maximumSizeInBytes = minimum;
            actions.push(`${name} log maximum size set to ${minimum} bytes`);
          }
          if (log.logMode === 'Retain') {
            log.logMode = 'Circular';
            actions.push(`${name} log overwrites its oldest events when full instead of stopping`);
          }
        }
        return done(actions);
      },
    }),
    cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
    drift: () => [statePatch(['eventLogs', logs[0]!, 'maximumSizeInBytes'], 1_048_576), statePatch(['eventLogs', logs[0]!, 'logMode'], 'Retain')],
  });
}
