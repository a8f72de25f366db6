import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEnvExample } from '@custos/core/config';
import { readmeWithConfigTable } from '../src/commands/config.js';

const root = path.join(import.meta.dirname, '../..');

// The configuration reference is generated from lib/core/src/config/variables.ts; if these fail,
// run `npm run custos -- config write` and commit the result.
describe('configuration reference', () => {
  it('.env.example documents every variable', () => {
    expect(readFileSync(path.join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
  });

  it('README.md carries the current configuration table', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toBe(readmeWithConfigTable(readme));
  });
});
