import { describe, expect, it } from 'vitest';
import { KitFileError, kitRootPrefix, relativeKitPaths } from './kit-files.js';

describe('kit files from a folder or a zip', () => {
  it('finds the kit root under the folder the browser names', () => {
    const picked = ['custos-kit-0192/kit.json', 'custos-kit-0192/trust/1.json', 'custos-kit-0192/sites/t/s/entries.bin'];
    expect(kitRootPrefix(picked)).toBe('custos-kit-0192/');
    expect([...relativeKitPaths(picked).values()]).toEqual(['kit.json', 'trust/1.json', 'sites/t/s/entries.bin']);
  });

  it('takes a zip with the kit at its top level, and ignores files beside the kit folder', () => {
    expect(kitRootPrefix(['kit.json', 'trust/1.json'])).toBe('');
    const m = relativeKitPaths(['notes.txt', 'kit/manifest.dsse.json', 'kit/trust/1.json', 'kit/'].map(String));
    expect([...m.values()]).toEqual(['manifest.dsse.json', 'trust/1.json']);
  });

  it('falls back to the trust documents and refuses anything else', () => {
    expect(kitRootPrefix(['a/b/trust/1.json', 'a/b/sites/x'])).toBe('a/b/');
    expect(() => kitRootPrefix(['photo.jpg', 'notes/readme.txt'])).toThrow(KitFileError);
  });
});
