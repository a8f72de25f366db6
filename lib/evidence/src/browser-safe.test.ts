import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The core must run in a browser: bundling it for the browser platform must need no Node built-in.
// (esbuild fails the build on an unresolvable `node:*` import under platform "browser".)
describe('browser safety', () => {
  it('bundles the main entry point for the browser with no Node built-ins', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.startsWith('node:') || p.includes('/src/node/'))).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('the node entry point is what pulls in node:crypto', async () => {
    await expect(
      build({ entryPoints: [new URL('./node/index.ts', import.meta.url).pathname], bundle: true, platform: 'browser', write: false, logLevel: 'silent' }),
    ).rejects.toThrow(/node:/);
  });
});
