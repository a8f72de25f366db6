import type { Span } from './group-spans.js';

/** What a bar needs of a span (a Span or a SpanRow). */
export type Barred = Pick<Span, 'id' | 'start' | 'end' | 'pending'> & { events: readonly { id: number; time: number }[] };

export interface TimelineBar {
  spanId: number;
  /** Left edge and width in px within the chart width. */
  x: number;
  width: number;
  /** Each event of the span as a dot. */
  dots: { eventId: number; x: number }[];
}

export interface AxisTick {
  x: number;
  label: string;
}

export interface TimelineScale {
  start: number;
  end: number;
  width: number;
}

/** Where a time falls on the chart, clamped to it. */
export function project(scale: TimelineScale, time: number): number {
  const span = Math.max(1, scale.end - scale.start);
  return Math.min(scale.width, Math.max(0, ((time - scale.start) / span) * scale.width));
}

/** Bars for spans; a still-open span runs to `now` (the chart's end) so waiting is visible. */
export function layoutBars(spans: readonly Barred[], scale: TimelineScale, minWidth = 3): TimelineBar[] {
  return spans.map((s) => {
    const x = project(scale, s.start);
    const right = project(scale, s.pending ? scale.end : s.end);
    return {
      spanId: s.id,
      x: Math.min(x, scale.width - minWidth),
      width: Math.max(minWidth, right - x),
      dots: s.events.map((e) => ({ eventId: e.id, x: project(scale, e.time) })),
    };
  });
}

const STEPS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 21600e3, 43200e3, 86400e3, 172800e3, 604800e3];

function offsetLabel(ms: number): string {
  // Stay in one unit up to twice its size, so a 90-minute axis reads +15 … +90 min, not +1.3 h.
  if (ms === 0) return '0';
  if (ms < 1000) return `+${ms} ms`;
  if (ms < 120e3) return `+${+(ms / 1000).toFixed(1)} s`;
  if (ms < 7200e3) return `+${+(ms / 60e3).toFixed(1)} min`;
  if (ms < 172800e3) return `+${+(ms / 3600e3).toFixed(1)} h`;
  return `+${+(ms / 86400e3).toFixed(1)} d`;
}

/** About `target` ticks at a round step, labelled as time since the start. */
export function axisTicks(scale: TimelineScale, target = 6): AxisTick[] {
  const total = Math.max(1, scale.end - scale.start);
  const step = STEPS_MS.find((s) => total / s <= target) ?? STEPS_MS[STEPS_MS.length - 1]!;
  const ticks: AxisTick[] = [];
  for (let t = 0; t <= total; t += step) ticks.push({ x: project(scale, scale.start + t), label: offsetLabel(t) });
  return ticks;
}

/** The rows a scrolled list of fixed-height rows shows, with a few extra either side. */
export function visibleWindow(total: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 8): { from: number; to: number } {
  const from = Math.min(total, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const to = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { from, to: Math.max(from, to) };
}
