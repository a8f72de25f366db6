import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  connectDatabase,
  createClient,
  createCredential,
  createPartner,
  createSite,
  createUser,
  CredentialKeyring,
  migrateToLatest,
  migrations,
  openSiteCredentials,
  packSealed,
  setTotpSecret,
  totpAad,
  unpackSealed,
} from '@custos/db';
import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import { runMigrations } from './migrate.js';
import { rotateCredentials } from './rotate.js';

const oldKey = new Uint8Array(randomBytes(32));
const newKey = new Uint8Array(randomBytes(32));

describe('custos db: migrate and rotate-credentials against real PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('cli_db');
  });
  afterAll(async () => database?.drop());

  it('migrate up, status, down, all-down and up again', async () => {
    const lines: string[] = [];
    const url = new URL(database.url);
    await runMigrations(url, 'up', (l) => lines.push(l));
    expect(lines.filter((l) => l.startsWith('applied ')).length).toBe(Object.keys(migrations).length);
    lines.length = 0;
    await runMigrations(url, 'up', (l) => lines.push(l));
    expect(lines).toEqual(['database is up to date']);
    lines.length = 0;
    await runMigrations(url, 'down', (l) => lines.push(l));
    const last = Object.keys(migrations).sort().at(-1)!;
    expect(lines).toEqual([`reverted ${last}`]);
    lines.length = 0;
    await runMigrations(url, 'status', (l) => lines.push(l));
    expect(lines.at(-1)).toMatch(new RegExp(`^pending .*${last}$`));
    await runMigrations(url, 'all-down', () => undefined);
    await runMigrations(url, 'up', () => undefined);
  });

  it('rotate-credentials re-seals every secret under the new key, and can run again', async () => {
    const db = connectDatabase(database.url, { max: 2 });
    try {
      await migrateToLatest(db);
      const before = new CredentialKeyring(oldKey);
      const platform = { kind: 'platform' } as const;
      const p = await createPartner(db, platform, { name: 'P', slug: `p-${randomBytes(3).toString('hex')}` });
      const c = (await createClient(db, platform, { partnerId: p.id, name: 'C' }))!;
      const s = (await createSite(db, platform, { clientId: c.id, name: 'S' }))!;
      const u = await createUser(db, platform, { email: `u${randomBytes(3).toString('hex')}@example.test`, displayName: 'U', passwordHash: null, role: 'partner_admin', partnerId: p.id, clientId: null, expiresAt: null, grantClientIds: [] });
      for (let i = 0; i < 3; i++) {
        await createCredential(db, platform, before, { siteId: s.id, hostId: null, kind: 'domain', label: `DA ${i}`, secret: { username: 'u', password: `pw-${i}` }, createdBy: u.id });
      }
      await setTotpSecret(db, u.id, { keyId: before.currentKeyId, ciphertext: packSealed(before.seal(Buffer.from('JBSWY3DPEHPK3PXPJBSWY3DP'), totpAad(u.id))) });

      const config = { databaseUrl: new URL(database.url), credentialKey: newKey, credentialPreviousKeys: Buffer.from(oldKey).toString('base64') };
      const report = await rotateCredentials(config);
      expect(report).toMatchObject({ hostCredentials: 3, totpSeeds: 1, oidcSecrets: 0 });
      expect(await rotateCredentials(config)).toMatchObject({ hostCredentials: 0, totpSeeds: 0 });

      const after = new CredentialKeyring(newKey); // the old key is no longer needed
      const site = { kind: 'site' as const, partnerId: p.id, clientId: c.id, siteId: s.id };
      const opened = await openSiteCredentials(db, site, after);
      expect(opened.map((x) => x.secret.password).sort()).toEqual(['pw-0', 'pw-1', 'pw-2']);
      const user = await db.selectFrom('users').select(['totp_key_id', 'totp_secret_enc']).where('id', '=', u.id).executeTakeFirstOrThrow();
      expect(after.open(unpackSealed(user.totp_key_id!, user.totp_secret_enc!), totpAad(u.id)).toString()).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
      const keys = await sql<{ key_id: string }>`select distinct key_id from host_credentials`.execute(db);
      expect(keys.rows).toEqual([{ key_id: after.currentKeyId }]);

      // without the old key listed, a rotation stops with a message naming what is missing
      await createCredential(db, platform, before, { siteId: s.id, hostId: null, kind: 'domain', label: 'late', secret: { username: 'u', password: 'x' }, createdBy: u.id });
      await expect(rotateCredentials({ ...config, credentialPreviousKeys: undefined })).rejects.toThrow(/not loaded \(set it in CUSTOS_CREDENTIAL_PREVIOUS_KEYS\)/);
    } finally {
      await db.destroy();
    }
  });
});
