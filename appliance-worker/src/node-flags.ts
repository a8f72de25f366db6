/**
 * Node flags the appliance worker runs with (`npm start`, the scan benchmark, and the appliance's
 * service unit). An appliance is a small box: with V8's default young generation the process grew
 * to 343 MB while scanning 500 hosts; a 1 MB semi-space and a 160 MB old-space cap collect sooner
 * and keep it at 186 MB peak (156 MB idle) for the same scan (bench/scan, BENCH_SCAN_PHASES=rss).
 */
export const APPLIANCE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--max-old-space-size=160'];
