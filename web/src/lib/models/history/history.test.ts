import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryBuilder, largeHistory, withLocalActivity } from '../../../../test/support/history-builder.js';
import { auditSummary } from './audit-summary.js';
import { categorise, classify, readableEventType, type RawHistory } from './event-types.js';
import { groupSpans } from './group-spans.js';
import { decodePlainPayload } from './payloads.js';
import { formatDuration, spanFacts } from './span-facts.js';
import { HistoryFormatError, toEvents } from './to-events.js';

const spansOf = (h: RawHistory) => groupSpans(toEvents(h, decodePlainPayload));

const FIXTURES = path.join(import.meta.dirname, '../../../../../workflows/test/fixtures/histories');
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? fixtureFiles(p) : n.endsWith('.json') ? [p] : [];
  });
}

describe('event types', () => {
  it('names, classifies and categorises events as the Temporal UI does', () => {
    expect(readableEventType('EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe('ActivityTaskScheduled');
    expect(readableEventType('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED')).toBe('WorkflowExecutionUpdateAccepted');
    expect(classify('ActivityTaskCancelRequested')).toBe('CancelRequested');
    expect(classify('WorkflowExecutionContinuedAsNew')).toBe('ContinuedAsNew');
    expect(classify('TimerFired')).toBe('Fired');
    expect(classify('UpsertWorkflowSearchAttributes')).toBe('Other');
    expect(categorise('WorkflowExecutionSignaled')).toBe('signal');
    expect(categorise('WorkflowExecutionUpdateCompleted')).toBe('update');
    expect(categorise('StartChildWorkflowExecutionInitiated')).toBe('child-workflow');
    expect(categorise('WorkflowTaskStarted')).toBe('workflow-task');
    expect(categorise('WorkflowExecutionCompleted')).toBe('workflow');
    expect(categorise('UpsertWorkflowSearchAttributes')).toBe('other');
  });
});

describe('history → spans, on the recorded replay fixtures', () => {
  const files = fixtureFiles(FIXTURES);

  it('has fixtures to read', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${path.relative(FIXTURES, file)}: every event lands in exactly one span, heads first`, () => {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as RawHistory;
      const events = toEvents(raw, decodePlainPayload);
      const spans = groupSpans(events);
      const ids = spans.flatMap((s) => s.events.map((e) => e.id)).sort((a, b) => a - b);
      expect(ids).toEqual(events.map((e) => e.id));
      for (const s of spans) {
        expect(s.events[0]!.id).toBe(s.id);
        expect(s.start).toBeLessThanOrEqual(s.end);
      }
      const workflow = spans.find((s) => s.category === 'workflow')!;
      expect(workflow.id).toBe(1);
    });
  }

  it('ping-site/completed.json: two activities on their queues, decoded and completed', () => {
    const raw = JSON.parse(readFileSync(path.join(FIXTURES, 'ping-site/completed.json'), 'utf8')) as RawHistory;
    const spans = spansOf(raw);
    const activities = spans.filter((s) => s.category === 'activity');
    expect(activities.map((s) => [s.name, s.status])).toEqual([
      ['reportAppliance', 'completed'],
      ['reportCentral', 'completed'],
    ]);
    const workflow = spans.find((s) => s.category === 'workflow')!;
    expect(workflow.name).toBe('pingSite');
    expect(workflow.status).toBe('completed');
    expect(workflow.events.map((e) => e.type)).toEqual(['WorkflowExecutionStarted', 'WorkflowExecutionCompleted']);
    // The input payload (a site id string) is decoded from base64 JSON.
    expect(spanFacts(workflow).subject[0]).toEqual({ label: 'argument', value: expect.stringMatching(/^site-/) });
    expect(auditSummary(spans)).toMatchObject({ workflowType: 'pingSite', status: 'completed', activities: { total: 2, failed: 0 } });
  });
});

describe('history → spans, built histories', () => {
  const decision = { decision: 'approve', planSha256: 'b'.repeat(64), reason: 'Window agreed with the practice', approver: { userId: 'u-9', displayName: 'Alice' } };
  const history = new HistoryBuilder('healFinding', { input: [{ siteId: 's-1', hostId: 'h-1', runbookId: 'RB-WIN-AV-001', tier: 'L3' }] })
    .activity('planHeal', { input: [{ runbookId: 'RB-WIN-AV-001', hostId: 'h-1' }], result: { tier: 'L3' } })
    .timer(300)
    .update('decide', [decision], { identity: 'custos-user:u-9', result: { decision: 'approve' } })
    .activity('remediate', { input: [{ runbookId: 'RB-WIN-AV-001', hostId: 'h-1' }], attempts: 3, result: { changed: true } })
    .activity('verify', { input: [{ runbookId: 'RB-WIN-AV-001', hostId: 'h-1' }], fail: { message: 'still disabled', type: 'VerifyFailed' } })
    .signal('pause', [{ reason: 'kill-switch' }], 'custos-user:ops')
    .child('exportHistory', 'history:heal-1', { result: { sha256: 'c'.repeat(64) } })
    .marker('core_patch')
    .fail('verify failed', 'VerifyFailed');
  const spans = spansOf(history);

  it('groups activities, timers, updates, signals, children and markers into spans', () => {
    const visible = spans.filter((s) => s.category !== 'workflow-task');
    expect(visible.map((s) => [s.category, s.name, s.status])).toEqual([
      ['workflow', 'healFinding', 'failed'],
      ['activity', 'planHeal', 'completed'],
      ['timer', expect.stringMatching(/^timer /), 'fired'],
      ['update', 'decide', 'completed'],
      ['activity', 'remediate', 'completed'],
      ['activity', 'verify', 'failed'],
      ['signal', 'pause', 'signaled'],
      ['child-workflow', 'exportHistory', 'completed'],
      ['marker', 'patch ?', 'recorded'],
    ]);
    expect(spans.filter((s) => s.category === 'workflow-task').every((s) => s.events.length === 3 && s.status === 'completed')).toBe(true);
  });

  it('says what each span did in domain words', () => {
    const byName = (n: string) => spanFacts(spans.find((s) => s.name === n)!);
    expect(byName('remediate')).toMatchObject({
      title: 'Activity remediate',
      subject: [
        { label: 'runbook', value: 'RB-WIN-AV-001' },
        { label: 'host', value: 'h-1' },
      ],
      attempts: 3,
    });
    expect(byName('remediate').outcome).toMatch(/^completed in .* after 3 attempts$/);
    expect(byName('verify')).toMatchObject({ failure: { type: 'VerifyFailed', message: 'still disabled' } });
    expect(byName('decide')).toMatchObject({
      title: 'Approval decision (decide)',
      actor: 'custos-user:u-9',
      subject: [
        { label: 'decision', value: 'approve' },
        { label: 'approver', value: 'Alice' },
        { label: 'reason', value: 'Window agreed with the practice' },
      ],
      outcome: 'accepted and completed',
    });
    expect(spanFacts(spans.find((s) => s.category === 'timer')!).title).toBe('Timer of 5 min 0 s');
  });

  it('summarises the run for an auditor: decisions with identities, failures, counts', () => {
    const s = auditSummary(spans);
    expect(s).toMatchObject({
      workflowType: 'healFinding',
      status: 'failed',
      startedBy: 'custos-test',
      activities: { total: 3, failed: 1, retried: 1, running: 0 },
      decisions: [{ identity: 'custos-user:u-9', approver: 'Alice', decision: 'approve', planSha256: 'b'.repeat(64), outcome: 'completed' }],
    });
    expect(s.failures.map((f) => [f.name, f.type])).toEqual([
      ['verify', 'VerifyFailed'],
      ['healFinding', 'VerifyFailed'],
    ]);
    expect(s.closedAt).not.toBeNull();
  });

  it('marks what is still open as pending', () => {
    const running = new HistoryBuilder('healFinding').timer(3600, { fired: false }).update('decide', [decision], { pending: true }).build();
    const open = spansOf(running).filter((s) => s.pending);
    expect(open.map((s) => s.category)).toEqual(['workflow', 'timer', 'update']);
    const again = spansOf(new HistoryBuilder('scanSite').activity('runCheck', { pending: true }).build());
    expect(again.find((s) => s.category === 'activity')).toMatchObject({ pending: true, status: 'running' });
    expect(auditSummary(again)).toMatchObject({ status: 'running', closedAt: null, activities: { running: 1 } });
  });

  it('keeps a payload it cannot decode opaque instead of guessing', () => {
    const h = new HistoryBuilder('scanSite').build();
    const started = h.events[0]!['workflowExecutionStartedEventAttributes'] as { input: { payloads: unknown[] } };
    started.input.payloads = [{ metadata: { encoding: Buffer.from('binary/encrypted').toString('base64') }, data: Buffer.from('secret bytes').toString('base64') }];
    const ev = toEvents(h, decodePlainPayload)[0]!;
    expect(ev.attributes['input']).toEqual([{ opaque: true, encoding: 'binary/encrypted', bytes: 12 }]);
  });

  it('refuses a history whose event ids skip or repeat', () => {
    const h = new HistoryBuilder('scanSite').activity('runCheck').build();
    h.events.splice(3, 1);
    expect(() => toEvents(h, decodePlainPayload)).toThrow(HistoryFormatError);
    expect(() => toEvents({} as RawHistory, decodePlainPayload)).toThrow(/no events array/);
  });

  it('a member whose head is missing becomes a span of its own', () => {
    const h = new HistoryBuilder('scanSite').activity('runCheck').build();
    const events = toEvents(h, decodePlainPayload).filter((e) => e.type !== 'ActivityTaskScheduled');
    const spans = groupSpans(events);
    expect(spans.filter((s) => s.category === 'activity').map((s) => s.events.length)).toEqual([1, 1]);
  });
});

describe('a 5,000-event history', () => {
  it('is built exactly and grouped quickly', () => {
    const raw = largeHistory(5000);
    expect(raw.events).toHaveLength(5000);
    const t0 = performance.now();
    const spans = spansOf(raw);
    const ms = performance.now() - t0;
    const summary = auditSummary(spans);
    expect(summary.eventCount).toBe(5000);
    expect(summary.decisions).toHaveLength(1);
    expect(summary.activities.failed).toBeGreaterThan(10);
    // Generous bound for a shared 2-core machine; the benchmark measures it properly.
    expect(ms).toBeLessThan(1500);
  });
});

describe('markers the SDK writes', () => {
  it('shows local activities as activities, with their type, attempts and failures', () => {
    const h = withLocalActivity(withLocalActivity(new HistoryBuilder('heal'), 'loadHealContext', { attempt: 2, result: { ok: true } }), 'claimCooldown', { failure: 'cooldown taken' }).marker('core_patch').complete();
    const spans = spansOf(h);
    const local = spans.filter((s) => s.category === 'local-activity');
    expect(local.map((s) => [s.name, s.status, s.pending])).toEqual([
      ['loadHealContext', 'completed', false],
      ['claimCooldown', 'failed', false],
    ]);
    expect(spanFacts(local[0]!)).toMatchObject({ title: 'Local activity loadHealContext', attempts: 2 });
    expect(spanFacts(local[1]!).failure).toEqual({ message: 'cooldown taken' });
    expect(auditSummary(spans).activities).toMatchObject({ total: 2, failed: 1, retried: 1 });
  });

  it('names a child workflow’s starter by its parent', () => {
    const h = new HistoryBuilder('heal').build();
    const started = h.events[0]!['workflowExecutionStartedEventAttributes'] as Record<string, unknown>;
    delete started['identity'];
    started['parentWorkflowExecution'] = { workflowId: 'scan-1', runId: 'r' };
    expect(auditSummary(spansOf(h)).startedBy).toBe('parent workflow scan-1');
  });

  it('formats durations without rounding up to 60 seconds', () => {
    expect(formatDuration(299_990)).toBe('5 min 0 s');
    expect(formatDuration(59_600)).toBe('1 min 0 s');
    expect(formatDuration(59_400)).toBe('59 s');
  });
});
