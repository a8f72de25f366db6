import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** An attestation's uploaded document, fetched from the API as the signed-in user. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const r = await locals.api.GET('/attestations/{id}/document', { params: { path: { id: params.id } }, parseAs: 'arrayBuffer' });
  if (!r.response.ok || !r.data) error(r.response.status === 404 || r.response.status === 403 ? 404 : 502, { message: r.response.status === 404 || r.response.status === 403 ? 'Not found.' : 'The API could not serve the document.' });
  const headers = new Headers({ 'content-type': r.response.headers.get('content-type') ?? 'application/octet-stream', 'cache-control': 'private, no-store' });
  for (const h of ['content-disposition', 'x-content-sha256']) {
    const v = r.response.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(r.data as ArrayBuffer, { headers });
};
