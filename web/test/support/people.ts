import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { generate } from 'otplib';
import { hashPassword } from '@custos/api';
import { createClient, createPartner, createSite, createUser, upsertHost, type Database, type Role, type Scope } from '@custos/db';

const PLATFORM: Scope = { kind: 'platform' };

export interface Tenant {
  partnerId: string;
  partnerName: string;
  clientId: string;
  siteId: string;
  siteName: string;
  hostIds: string[];
}

/** A partner with one client, one site and a domain controller plus a workstation. */
export async function seedTenant(db: Kysely<Database>, tag: string): Promise<Tenant> {
  const suffix = randomBytes(3).toString('hex');
  const partner = await createPartner(db, PLATFORM, { name: `Partner ${tag}`, slug: `p-${tag.toLowerCase()}-${suffix}` });
  const client = (await createClient(db, PLATFORM, { partnerId: partner.id, name: `Clinic ${tag}` }))!;
  const site = (await createSite(db, PLATFORM, { clientId: client.id, name: `Main office ${tag}` }))!;
  const hosts = [
    (await upsertHost(db, PLATFORM, { siteId: site.id, hostname: `DC01-${tag}`, os: 'Windows Server 2022', role: 'domain_controller' }))!,
    (await upsertHost(db, PLATFORM, { siteId: site.id, hostname: `WS01-${tag}`, os: 'Windows 11', role: 'workstation' }))!,
  ];
  return { partnerId: partner.id, partnerName: partner.name, clientId: client.id, siteId: site.id, siteName: site.name, hostIds: hosts.map((h) => h.id) };
}

export interface Person {
  userId: string;
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

export async function addPerson(db: Kysely<Database>, role: Role, tenant: Tenant | null, name: string, grants: string[] = []): Promise<Person> {
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
  const user = await createUser(db, PLATFORM, {
    email,
    displayName: name,
    passwordHash: await hashPassword(password),
    role,
    partnerId: tenant?.partnerId ?? null,
    clientId: role === 'client_owner' || role === 'client_viewer' ? tenant!.clientId : null,
    expiresAt: role === 'auditor' ? new Date(Date.now() + 86_400_000) : null,
    grantClientIds: grants,
  });
  return { userId: user.id, email, password, displayName: name, role };
}

/**
 * Signs in through the dashboard like a person: email and password, then (first sign-in) the
 * authenticator key the page shows is turned into a code, as an authenticator app would.
 */
export async function signIn(page: Page, webUrl: string, who: Person, next?: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  let secret: string | undefined;
  try {
    secret = (await page.getByTestId('totp-secret').textContent({ timeout: 45_000 }))?.trim();
  } catch (err) {
    // Say what the page showed instead (an error, a refusal, the form again).
    const main = (await page.locator('main').textContent().catch(() => '')) ?? '';
    throw new Error(`sign-in of ${who.email} showed no authenticator key: at ${page.url()}: ${main.replace(/\s+/g, ' ').slice(0, 500)}`, { cause: err });
  }
  if (!secret) throw new Error('the sign-in page showed no authenticator key');
  await page.getByLabel('One-time code').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Sign in' }).click();
  try {
    await page.getByTestId('user-name').waitFor({ timeout: 20_000 });
  } catch (err) {
    const main = (await page.locator('main').textContent().catch(() => '')) ?? '';
    throw new Error(`sign-in of ${who.email} did not reach a signed-in page: at ${page.url()}: ${main.slice(0, 500)}`, { cause: err });
  }
}
