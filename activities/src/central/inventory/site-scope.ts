import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { FailureType } from '@custos/core';
import { getSite, type Database, type Scope, type Site } from '@custos/db';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type SiteScope = Extract<Scope, { kind: 'site' }>;

/**
 * The scope a worker acting for one site uses: resolved once from the site row, so every later
 * query is limited to that site. An unknown site is a non-retryable NotFound.
 */
export async function siteScope(db: Kysely<Database>, siteId: string): Promise<{ scope: SiteScope; site: Site }> {
  const site = UUID.test(siteId) ? await getSite(db, { kind: 'platform' }, siteId) : undefined;
  if (!site) throw ApplicationFailure.create({ type: FailureType.NotFound, nonRetryable: true, message: `site ${siteId} does not exist` });
  return { scope: { kind: 'site', partnerId: site.partner_id, clientId: site.client_id, siteId: site.id }, site };
}
