import type { BrowserContext, Page } from 'playwright-core';

export interface PageTiming {
  /** First byte of the HTML (server work: API calls, queries, rendering). */
  ttfbMs: number;
  domContentLoadedMs: number;
  /** The page's components mounted and its handlers attached (its performance mark). */
  hydratedMs: number;
  /** End of the last main-thread task over 50 ms before the page went quiet. */
  lastLongTaskMs: number;
  /** Time to interactive: hydrated and no long task left. */
  ttiMs: number;
}

/** Records long tasks from the first byte of every page in this context (before any page script runs). */
export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __longTaskEnd: number };
    w.__longTaskEnd = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTaskEnd = Math.max(w.__longTaskEnd, e.startTime + e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * A tab to measure in, opened once. Headless Chromium gives every new window its own top-chrome
 * renderer (the omnibox popup's WebUI, some 400 resources and over a second of CPU) while the
 * window's first page loads; on two cores that would be measured as the dashboard's cost. A person
 * opens the dashboard in a browser that is already running, so the tab is opened and left to settle
 * first, and each measurement is a navigation in it.
 */
export async function openMeasuringTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('about:blank');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return page;
}

/**
 * Navigates `page` to `url` and measures, from navigation start: first byte, DOMContentLoaded,
 * hydration (the page sets data-ready and a performance mark when its components mounted) and
 * time to interactive (hydrated, and 500 ms of quiet after the last long task).
 */
export async function measurePage(page: Page, url: string, ready: string): Promise<PageTiming> {
  const started = Date.now();
  const response = await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  if (response && response.status() >= 400) throw new Error(`${url} answered ${response.status()}`);
  process.stderr.write(`  first byte after ${Date.now() - started} ms\n`);
  await page.waitForFunction((r) => document.documentElement.dataset['ready'] === r, ready, { timeout: 60_000 });
  return await page.evaluate(async (r) => {
    // No named helper functions in here: tsx would wrap them in a `__name` call the page lacks.
    const w = window as unknown as { __longTaskEnd: number };
    let seen = -1;
    while (seen !== w.__longTaskEnd) {
      seen = w.__longTaskEnd;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const hydrated = performance.getEntriesByName(`custos:${r}-interactive`)[0]!.startTime;
    return {
      ttfbMs: nav.responseStart,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      hydratedMs: hydrated,
      lastLongTaskMs: w.__longTaskEnd,
      ttiMs: Math.max(hydrated, w.__longTaskEnd),
    };
  }, ready);
}
