/**
 * Sign-ins for the lab tenant `npm start` records: a partner admin, the clinic's owner and an
 * auditor granted the clinic. Passwords are random per checkout, kept (mode 0600) in the git-ignored
 * stack directory so every start prints the same ones; the database holds only their argon2id hash.
 * The first sign-in of each asks to enrol an authenticator (TOTP), as for any new user.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { hashPassword } from '@custos/api';
import { createUser, type Database, type Role } from '@custos/db';

export interface DemoLogin {
  role: Role;
  displayName: string;
  email: string;
  password: string;
}

const PEOPLE: readonly Omit<DemoLogin, 'password'>[] = [
  { role: 'partner_admin', displayName: 'Lab MSP admin', email: 'admin@lab.custos.test' },
  { role: 'client_owner', displayName: 'Lab Clinic owner', email: 'owner@lab.custos.test' },
  { role: 'auditor', displayName: 'Lab auditor', email: 'auditor@lab.custos.test' },
];

// Auditor access always expires; a demo auditor gets a year from its first start.
const AUDITOR_DAYS = 365;

function readSaved(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string }[];
    return new Map(saved.map((l) => [l.email, l.password]));
  } catch {
    return new Map(); // unreadable: new passwords are set below and the file rewritten
  }
}

/** Creates the demo users once; on later starts keeps them, resetting a password only if the file lost it. */
export async function ensureDemoLogins(db: Kysely<Database>, tenant: { partnerId: string; clientId: string }, file: string): Promise<DemoLogin[]> {
  const saved = readSaved(file);
  const logins: DemoLogin[] = [];
  for (const person of PEOPLE) {
    const existing = await db.selectFrom('users').select('id').where('email', '=', person.email).executeTakeFirst();
    let password = saved.get(person.email);
    if (existing && password) {
      logins.push({ ...person, password });
      continue;
    }
    password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    if (existing) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', existing.id).execute();
    } else {
      await createUser(db, { kind: 'platform' }, {
        email: person.email,
        displayName: person.displayName,
        passwordHash,
        role: person.role,
        partnerId: tenant.partnerId,
        clientId: person.role === 'client_owner' ? tenant.clientId : null,
        expiresAt: person.role === 'auditor' ? new Date(Date.now() + AUDITOR_DAYS * 86_400_000) : null,
        grantClientIds: person.role === 'auditor' ? [tenant.clientId] : [],
      });
    }
    logins.push({ ...person, password });
  }
  writeFileSync(file, `${JSON.stringify(logins.map(({ email, password }) => ({ email, password })), null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return logins;
}
