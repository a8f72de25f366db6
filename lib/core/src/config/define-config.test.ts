import { describe, expect, it } from 'vitest';
import { ConfigErrors, defineConfig } from './index.js';

const load = defineConfig(['env', 'temporalAddress', 'apiPort', 'databaseUrl', 'siteId', 'temporalTlsCaPath', 'credentialKey']);

describe('defineConfig', () => {
  it('applies defaults and development defaults, and freezes the result', () => {
    const config = load({ CUSTOS_SITE_ID: 'clinic-1' });
    expect(config.env).toBe('development');
    expect(config.temporalAddress).toEqual({ host: '127.0.0.1', port: 7233 });
    expect(config.apiPort).toBe(3000);
    expect(config.databaseUrl.hostname).toBe('127.0.0.1');
    expect(config.temporalTlsCaPath).toBeUndefined();
    expect(config.credentialKey).toHaveLength(32);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses what is set', () => {
    const config = load({ CUSTOS_SITE_ID: 's', TEMPORAL_ADDRESS: 'temporal.internal:7233', CUSTOS_API_PORT: '8443' });
    expect(config.temporalAddress).toEqual({ host: 'temporal.internal', port: 7233 });
    expect(config.apiPort).toBe(8443);
  });

  it('lists every problem at once, each naming its variable', () => {
    let error: unknown;
    try {
      load({ TEMPORAL_ADDRESS: 'no-port', CUSTOS_API_PORT: '70000', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigErrors);
    expect((error as ConfigErrors).problems.map((p) => p.message)).toEqual([
      'config: TEMPORAL_ADDRESS must be host:port (for example 127.0.0.1:7233), got "no-port"',
      'config: CUSTOS_API_PORT must be ≤ 65535, got 70000',
      'config: DATABASE_URL must use postgres: or postgresql:, got "mysql:"',
      'config: CUSTOS_SITE_ID is required but not set',
    ]);
  });

  it('refuses development defaults for secrets in production', () => {
    expect(() => load({ CUSTOS_ENV: 'production', CUSTOS_SITE_ID: 's' })).toThrow(
      /DATABASE_URL must be set in production[\s\S]*CUSTOS_CREDENTIAL_KEY must be set in production/,
    );
  });

  it('never echoes a secret value in an error', () => {
    expect(() => load({ CUSTOS_SITE_ID: 's', DATABASE_URL: 'not a url with hunter2' })).toThrow('config: DATABASE_URL must be a URL, got "<redacted>"');
    expect(() => load({ CUSTOS_SITE_ID: 's', CUSTOS_CREDENTIAL_KEY: 'c2hvcnQ=' })).toThrow('config: CUSTOS_CREDENTIAL_KEY must decode to 32 bytes, got 5');
  });
});
