import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleHashOfBuildId, historyFacts } from './history-facts.js';

const pingSite = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../../../workflows/test/fixtures/histories/ping-site/completed.json'), 'utf8'));

describe('historyFacts', () => {
  it('reads type, times, status, size and the workflow code version from a recorded history', () => {
    const facts = historyFacts(pingSite);
    expect(facts).toEqual({
      workflowType: 'pingSite',
      startedAt: new Date(pingSite.events[0].eventTime).toISOString(),
      closedAt: new Date(pingSite.events.at(-1).eventTime).toISOString(),
      status: 'completed',
      eventCount: 17,
      buildId: '@temporalio/worker@1.24.0+52ccfa866bc7fd5f987f616dc31e1938a44b9390e9b5e40b731bba0c7a77b669',
      bundleSha256: '52ccfa866bc7fd5f987f616dc31e1938a44b9390e9b5e40b731bba0c7a77b669',
    });
  });

  it('takes the build id of the last workflow task when a run moved between versions', () => {
    const moved = structuredClone(pingSite);
    moved.events[15].workflowTaskCompletedEventAttributes.workerVersion.buildId = `custos-central@2+${'ab'.repeat(32)}`;
    expect(historyFacts(moved)).toMatchObject({ buildId: `custos-central@2+${'ab'.repeat(32)}`, bundleSha256: 'ab'.repeat(32) });
  });

  it('maps every close event to a status', () => {
    const failed = structuredClone(pingSite);
    failed.events.at(-1).eventType = 'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED';
    expect(historyFacts(failed).status).toBe('terminated');
  });

  it('refuses a history of a workflow that is still open, or not a history at all', () => {
    const open = structuredClone(pingSite);
    open.events = open.events.slice(0, 10);
    expect(() => historyFacts(open)).toThrow(/event 10 is EVENT_TYPE_WORKFLOW_TASK_COMPLETED: the workflow has not closed/);
    expect(() => historyFacts({ events: [] })).toThrow(/no events/);
    expect(() => historyFacts({ events: [{ eventType: 'EVENT_TYPE_TIMER_FIRED' }] })).toThrow(/not WorkflowExecutionStarted/);
  });

  it('finds the bundle hash only in the SDK default build id form', () => {
    expect(bundleHashOfBuildId(`@temporalio/worker@1.24.0+${'0f'.repeat(32)}`)).toBe('0f'.repeat(32));
    expect(bundleHashOfBuildId('custos-central-2026.11.1')).toBeUndefined();
  });
});
