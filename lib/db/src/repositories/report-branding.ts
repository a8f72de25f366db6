import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { assertPartnerWritable, inScope, type Scope } from '../scope.js';
import type { ReportBranding } from '../tables/reports.js';
import { getPartner } from './tenancy.js';

type Db = Kysely<Database>;

/** A partner's packet branding; undefined when none is set (packets then use the default colours). */
export function getReportBranding(db: Db, scope: Scope, partnerId: string): Promise<ReportBranding | undefined> {
  return db.selectFrom('report_branding').selectAll().where('partner_id', '=', partnerId).where(inScope(scope, 'report_branding')).executeTakeFirst();
}

/** Sets a partner's packet branding; undefined when the partner is not visible to the scope. */
export async function putReportBranding(
  db: Db,
  scope: Scope,
  input: { partnerId: string; primaryColor: string; accentColor: string; logoPng: Buffer | null; updatedBy: string },
): Promise<ReportBranding | undefined> {
  const partner = await getPartner(db, scope, input.partnerId);
  if (!partner) return undefined;
  assertPartnerWritable(scope, partner.id);
  const values = { primary_color: input.primaryColor, accent_color: input.accentColor, logo_png: input.logoPng, updated_by: input.updatedBy, updated_at: new Date() };
  return db
    .insertInto('report_branding')
    .values({ partner_id: partner.id, ...values })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}
