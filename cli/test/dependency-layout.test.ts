import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../..');

/** Every install location of a package, as `npm ls --parseable` lists them, with its version. */
function installs(pkg: string): { dir: string; version: string }[] {
  const out = execFileSync('npm', ['ls', '--all', '--parseable', pkg], { cwd: root, encoding: 'utf8' });
  const dirs = [...new Set(out.split('\n').filter((l) => l.includes(`node_modules/${pkg}`) && l.endsWith(pkg)))];
  return dirs.map((dir) => ({ dir, version: (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version }));
}

// With more than one protobufjs 8 (or @temporalio/common), history JSON conversion and replay fail
// with "type must be a Type" (temporal.md §0.3). The root pins protobufjs ^8.8.1 to keep one copy.
describe('dependency layout', () => {
  it('has exactly one copy of protobufjs 8', () => {
    const v8 = installs('protobufjs').filter((i) => i.version.startsWith('8.'));
    expect(v8.map((i) => path.relative(root, i.dir))).toEqual(['node_modules/protobufjs']);
  });

  it('has exactly one copy of @temporalio/common, at 1.24.0', () => {
    const common = installs('@temporalio/common');
    expect(common.map((i) => [path.relative(root, i.dir), i.version])).toEqual([['node_modules/@temporalio/common', '1.24.0']]);
  });
});
