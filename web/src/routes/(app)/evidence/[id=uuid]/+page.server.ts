import { error } from '@sveltejs/kit';
import { bundleStatement, EvidenceMissing } from '$lib/server/evidence/bundle-proof';
import { scopeOf } from '$lib/server/scope';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  let b;
  try {
    b = await bundleStatement(scopeOf(locals.user!), params.id);
  } catch (err) {
    if (err instanceof EvidenceMissing) error(409, { message: err.message });
    throw err;
  }
  if (!b) error(404, { message: 'Not found.' });
  return {
    entry: { id: b.row.id, kind: b.row.kind, logIndex: b.row.logIndex, bundleSha256: b.row.bundleSha256, siteId: b.row.siteId, createdAt: b.row.createdAt },
    statement: b.statement,
    payloadType: b.payloadType,
    signatureKeyIds: b.signatureKeyIds,
    storedSha256: b.storedSha256,
  };
};
