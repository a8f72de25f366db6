import { describe, expect, it } from 'vitest';
import type { RunbookFacts } from '@custos/activities/types';
import { autoHealable, gateFor } from './gating.js';

const rb = (over: Partial<RunbookFacts> = {}): RunbookFacts => ({
  id: 'RB-WIN-X-001',
  version: 1,
  title: 'x',
  severity: 'high',
  healMode: 'auto',
  disruptive: false,
  requiresApproval: false,
  maintenanceWindow: false,
  hasRemediate: true,
  hasRollback: true,
  timeoutSeconds: 60,
  ...over,
});

describe('gating a chosen action', () => {
  it('lets an ordinary L1 or L2 action run unattended, outside any window', () => {
    expect(gateFor(rb(), { chosenBy: 'L1', siteRequiresApproval: false })).toEqual({ approval: false, window: false, reasons: [] });
    expect(gateFor(rb(), { chosenBy: 'L2', siteRequiresApproval: false }).approval).toBe(false);
  });

  it('always asks a person for disruptive or approval-gated runbooks, whoever chose them, and waits for the window', () => {
    const g = gateFor(rb({ disruptive: true, requiresApproval: true }), { chosenBy: 'L1', siteRequiresApproval: false });
    expect(g).toEqual({ approval: true, window: true, reasons: ['RB-WIN-X-001 requires approval', 'RB-WIN-X-001 is disruptive'] });
  });

  it('asks a person when the site requires it or the heal escalated to L3', () => {
    expect(gateFor(rb(), { chosenBy: 'L2', siteRequiresApproval: true }).reasons).toEqual(['the site requires approval for RB-WIN-X-001']);
    expect(gateFor(rb(), { chosenBy: 'L3', siteRequiresApproval: false }).reasons).toEqual(['escalated to a person']);
  });

  it('waits for the window for maintenance-window runbooks', () => {
    expect(gateFor(rb({ maintenanceWindow: true }), { chosenBy: 'L1', siteRequiresApproval: false })).toMatchObject({ approval: false, window: true });
  });

  it('lets the flywheel learn only unattended runbooks', () => {
    expect(autoHealable(rb())).toBe(true);
    expect(autoHealable(rb({ healMode: 'approval' }))).toBe(false);
    expect(autoHealable(rb({ maintenanceWindow: true }))).toBe(false);
  });
});
