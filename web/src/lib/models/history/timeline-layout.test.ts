import { describe, expect, it } from 'vitest';
import type { Span } from './group-spans.js';
import { axisTicks, layoutBars, project, visibleWindow } from './timeline-layout.js';

const span = (id: number, start: number, end: number, pending = false): Span => ({
  id,
  category: 'activity',
  name: 'a',
  events: [
    { id, type: 'ActivityTaskScheduled', time: start, timeText: '', classification: 'Scheduled', category: 'activity', attributes: {} },
    { id: id + 1, type: 'ActivityTaskCompleted', time: end, timeText: '', classification: 'Completed', category: 'activity', attributes: {} },
  ],
  start,
  end,
  status: pending ? 'running' : 'completed',
  pending,
});

describe('timeline layout', () => {
  const scale = { start: 1000, end: 2000, width: 500 };

  it('projects times onto the chart and clamps outside values', () => {
    expect(project(scale, 1000)).toBe(0);
    expect(project(scale, 1500)).toBe(250);
    expect(project(scale, 5000)).toBe(500);
    expect(project(scale, 0)).toBe(0);
  });

  it('draws a bar per span with a dot per event; open spans run to the end', () => {
    const [done, open] = layoutBars([span(1, 1100, 1200), span(5, 1400, 1400, true)], scale);
    expect(done).toEqual({ spanId: 1, x: 50, width: 50, dots: [{ eventId: 1, x: 50 }, { eventId: 2, x: 100 }] });
    expect(open!.x).toBe(200);
    expect(open!.width).toBe(300);
  });

  it('keeps instant spans visible with a minimum width', () => {
    const [bar] = layoutBars([span(1, 2000, 2000)], scale);
    expect(bar!.width).toBe(3);
    expect(bar!.x).toBe(497);
  });

  it('labels ticks at round steps from the start', () => {
    const ticks = axisTicks({ start: 0, end: 60_000, width: 600 });
    expect(ticks.map((t) => t.label)).toEqual(['0', '+10 s', '+20 s', '+30 s', '+40 s', '+50 s', '+60 s']);
    expect(ticks[3]!.x).toBe(300);
    expect(axisTicks({ start: 0, end: 90 * 60_000, width: 900 }).map((t) => t.label)).toEqual(['0', '+15 min', '+30 min', '+45 min', '+60 min', '+75 min', '+90 min']);
  });

  it('windows a long list to the rows in view', () => {
    expect(visibleWindow(5000, 0, 600, 30)).toEqual({ from: 0, to: 28 });
    expect(visibleWindow(5000, 3000, 600, 30)).toEqual({ from: 92, to: 128 });
    expect(visibleWindow(10, 3000, 600, 30)).toEqual({ from: 10, to: 10 });
  });
});
