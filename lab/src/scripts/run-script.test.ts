/** The dispatch rules of received scripts, on an in-memory host (the wire path is covered by test/scripts.int.test.ts). */
import { describe, expect, it } from 'vitest';
import { decodeStderr, encodeStdin, readEmitted } from '@custos/winrm/protocol';
import { defaultState } from '../state/defaults.js';
import type { HostState } from '../state/host-state.js';
import { SeededRandom } from '../state/random.js';
import { ADHOC_SCRIPTS } from './adhoc.js';
import { listCatalogue, unavailableCatalogue } from './catalogue.js';
import { HandlerRegistry, ScriptFailure, defineHandlers } from './handler.js';
import { runReceivedScript, type ApplicationRecord, type ScriptHost } from './run-script.js';

const BODY = 'param($Params)\nEmit @{ n = $Params.n + 1 }\nexit 0\n';

function host(): ScriptHost & { state: HostState; apps: Omit<ApplicationRecord, 'seq' | 'at' | 'host'>[] } {
  const h = {
    name: 'WS001',
    kind: 'workstation' as const,
    state: defaultState({ computerName: 'WS001', kind: 'workstation', netbiosDomain: 'D', dnsDomain: 'd.lab', domainSid: 'S-1-5-21-1', machineSid: 'S-1-5-21-2', now: new Date() }, new SeededRandom(1)),
    apps: [] as Omit<ApplicationRecord, 'seq' | 'at' | 'host'>[],
    cloneState: () => structuredClone(h.state),
    commitState: (next: HostState) => void (h.state = next),
    recordApplication: (r: Omit<ApplicationRecord, 'seq' | 'at' | 'host'>) => void h.apps.push(r),
    now: () => new Date(),
  };
  return h;
}

const env = (catalogue = listCatalogue([{ runbook: 'inc', version: 1, phase: 'remediate', body: BODY }])) => ({
  catalogue,
  adhoc: ADHOC_SCRIPTS,
  handlers: new HandlerRegistry([
    defineHandlers('inc', 1, {
      remediate: ({ params, state }) => {
        const n = (params as { n: unknown }).n;
        if (typeof n !== 'number') throw new ScriptFailure('n must be a number', 3);
        state.computerName = `WS${n}`;
        return { n: n + 1 };
      },
    }),
  ]),
});

describe('runReceivedScript', () => {
  it('runs a matching script, commits its state change and records the application with its key', async () => {
    const h = host();
    const out = await runReceivedScript(env(), h, encodeStdin({ runbook: 'inc', version: 1, phase: 'remediate', idempotencyKey: 'k1' }, BODY, { n: 41 }));
    expect(out.exitCode).toBe(0);
    expect(readEmitted(out.stdout)).toEqual({ ok: true, value: { n: 42 } });
    expect(h.state.computerName).toBe('WS41');
    expect(h.apps).toEqual([{ runbook: 'inc', version: 1, phase: 'remediate', idempotencyKey: 'k1' }]);
  });

  it('leaves state untouched and records nothing when the handler fails', async () => {
    const h = host();
    const out = await runReceivedScript(env(), h, encodeStdin({ runbook: 'inc', version: 1, phase: 'remediate' }, BODY, { n: 'x' }));
    expect(out.exitCode).toBe(3);
    expect(decodeStderr(out.stderr)).toBe('n must be a number');
    expect(h.state.computerName).toBe('WS001');
    expect(h.apps).toEqual([]);
  });

  it('refuses, loudly, every way a script can be wrong', async () => {
    const cases: [Buffer, RegExp, ReturnType<typeof env>?][] = [
      [encodeStdin({ runbook: 'inc', version: 1, phase: 'remediate' }, `${BODY} `, { n: 1 }), /does not match the catalogue/],
      [encodeStdin({ runbook: 'inc', version: 2, phase: 'remediate' }, BODY, { n: 1 }), /'inc' v2 'remediate' is not in the script catalogue/],
      [encodeStdin({ runbook: 'inc', version: 1, phase: 'check' }, BODY, {}), /is not in the script catalogue/],
      [encodeStdin({ adhoc: 'nope' }, BODY, {}), /unknown ad-hoc script 'nope'/],
      [Buffer.from('garbage\r\n'), /bootstrap stdin rejected/],
      [encodeStdin({ runbook: 'inc', version: 1, phase: 'remediate' }, BODY, { n: 1 }), /catalogue unavailable.*broken yaml/, env(unavailableCatalogue('broken yaml'))],
    ];
    for (const [stdin, message, e] of cases) {
      const h = host();
      const out = await runReceivedScript(e ?? env(), h, stdin);
      expect(out.exitCode).toBe(1);
      expect(out.stdout).toBe('');
      expect(decodeStderr(out.stderr)).toMatch(message);
      expect(h.apps).toEqual([]);
    }
  });
});
