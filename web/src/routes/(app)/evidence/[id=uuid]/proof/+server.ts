import { error, json } from '@sveltejs/kit';
import { bundleProof, EvidenceMissing } from '$lib/server/evidence/bundle-proof';
import { scopeOf } from '$lib/server/scope';
import type { RequestHandler } from './$types';

/** The bytes and proofs the browser verifies a bundle from (same scope rule as the page). */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.user) error(401, { message: 'Sign in first.' });
  try {
    const proof = await bundleProof(scopeOf(locals.user), params.id);
    if (!proof) error(404, { message: 'Not found.' });
    return json(proof, { headers: { 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (err instanceof EvidenceMissing) error(409, { message: err.message });
    throw err;
  }
};
