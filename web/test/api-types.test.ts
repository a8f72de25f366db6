import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../scripts/generate-api-types.js';

describe('the dashboard’s generated API types', () => {
  it('match the API’s OpenAPI document (regenerate: npx tsx web/scripts/generate-api-types.ts)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const current = await generateApiTypes();
    // Compared by length first so a drift fails with a short message rather than an 8,000-line diff.
    expect(current.length, 'schema.d.ts is out of date').toBe(committed.length);
    expect(current === committed, 'schema.d.ts is out of date').toBe(true);
  }, 60_000);
});
