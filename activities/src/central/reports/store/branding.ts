import type { Kysely } from 'kysely';
import type { Branding } from '@custos/core';
import { getReportBranding, type Database } from '@custos/db';

/** How a partner's packets look: its name, and its colours and logo when set (else the defaults). */
export async function partnerBranding(db: Kysely<Database>, partnerId: string): Promise<Branding> {
  const partner = await db.selectFrom('partners').select('name').where('id', '=', partnerId).executeTakeFirstOrThrow();
  const row = await getReportBranding(db, { kind: 'partner', partnerId }, partnerId);
  return {
    partnerName: partner.name,
    primaryColor: row?.primary_color ?? '#1f3a5f',
    accentColor: row?.accent_color ?? '#e69138',
    ...(row?.logo_png ? { logoPngBase64: row.logo_png.toString('base64') } : {}),
  };
}
