import { sleep } from '@temporalio/workflow';
import type { MaintenanceWindow } from '@custos/core';
import { windowAt } from '../site/maintenance-window.js';

/**
 * Sleeps (a durable timer) until the site's maintenance window is open. Without a window a change
 * that needs one does not run at all: it is escalated instead of running at a bad time.
 */
export async function waitForWindow(window: MaintenanceWindow | null): Promise<{ ok: true; closesAt: number } | { ok: false; reason: string }> {
  if (!window) return { ok: false, reason: 'the change must run in a maintenance window and the site has none configured' };
  for (;;) {
    const state = windowAt(window, Date.now());
    if (state.open) return { ok: true, closesAt: state.closesAt };
    await sleep(Math.max(1, state.opensAt - Date.now()));
  }
}
