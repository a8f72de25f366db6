import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { putReportBranding, type ReportBranding } from '@custos/db';
import { ApiError } from '../../errors.js';
import { scope, userOf } from '../../auth/request.js';
import { audit } from '../../plugins/audit.js';
import { DateTime, errorResponses, IdParams, Nullable } from '../../schemas/common.js';

const Colour = Type.String({ pattern: '^#[0-9a-f]{6}$', description: 'hex colour, e.g. #0b5394' });
// A logo fits the API's 64 KiB body limit in base64; a packet cover shows it at most 120 × 70 points.
const MAX_LOGO_BYTES = 40 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BrandingView = Type.Object({ partnerId: Type.String(), primaryColor: Colour, accentColor: Colour, hasLogo: Type.Boolean(), updatedAt: DateTime });
const view = (b: ReportBranding) => ({ partnerId: b.partner_id, primaryColor: b.primary_color, accentColor: b.accent_color, hasLogo: b.logo_png !== null, updatedAt: b.updated_at.toISOString() });

/** How a partner's packets look: two colours and an optional PNG logo (the name is the partner's). */
export const brandingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.put(
    '/partners/:id/report-branding',
    {
      config: { auth: 'user', action: 'reports.branding' },
      schema: {
        tags: ['reports'],
        params: IdParams,
        body: Type.Object(
          { primaryColor: Colour, accentColor: Colour, logoPngBase64: Nullable(Type.String({ maxLength: 56_000, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'PNG, at most 40 KiB, base64' })) },
          { additionalProperties: false },
        ),
        response: { 200: BrandingView, ...errorResponses },
      },
    },
    async (request) => {
      const { primaryColor, accentColor, logoPngBase64 } = request.body;
      const logo = logoPngBase64 === null ? null : Buffer.from(logoPngBase64, 'base64');
      if (logo && (logo.length > MAX_LOGO_BYTES || !logo.subarray(0, 8).equals(PNG))) throw new ApiError('invalid_request', `the logo must be a PNG of at most ${MAX_LOGO_BYTES} bytes`, 'body.logoPngBase64');
      const row = await db.transaction().execute(async (trx) => {
        const b = await putReportBranding(trx, scope(request), { partnerId: request.params.id, primaryColor, accentColor, logoPng: logo, updatedBy: userOf(request).userId });
        if (!b) throw new ApiError('not_found');
        await audit(trx, request, { action: 'reports.branding', target: { kind: 'partner', id: b.partner_id }, tenant: { partnerId: b.partner_id }, detail: { primaryColor, accentColor, logoBytes: logo?.length ?? 0 } });
        return b;
      });
      return view(row);
    },
  );
};
