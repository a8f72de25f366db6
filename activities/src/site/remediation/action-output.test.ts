import { describe, expect, it } from 'vitest';
import { readActionOutput } from './action-output.js';

describe('remediate/rollback output', () => {
  it('reads changed, actions, before and blocked', () => {
    expect(readActionOutput({ changed: true, actions: ['set x'], before: { x: 0 } }, 'fix')).toEqual({ changed: true, actions: ['set x'], before: { x: 0 } });
    expect(readActionOutput({ changed: false, actions: [], blocked: 'domain GPO owns it' }, 'fix')).toEqual({ changed: false, actions: [], blocked: 'domain GPO owns it' });
  });

  it('fails closed, non-retryably, on anything else', () => {
    for (const bad of [null, 'ok', { changed: 'yes', actions: [] }, { changed: true }, { changed: true, actions: [1] }, { changed: true, actions: [], before: [1] }]) {
      expect(() => readActionOutput(bad, 'remediate of RB-WIN-X-001 v1')).toThrow(expect.objectContaining({ type: 'ScriptError', nonRetryable: true, message: expect.stringContaining('remediate of RB-WIN-X-001 v1 emitted') }));
    }
  });
});
