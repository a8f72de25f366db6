import { error } from '@sveltejs/kit';
import type { Api } from '$lib/server/api/client';

/**
 * Streams a packet file from the API to the browser unchanged, with the API's SHA-256 header: the
 * dashboard holds no copy and applies no access rule of its own. A refusal becomes the same page
 * error as any other missing thing.
 */
export async function downloadPacket(api: Api, id: string, format: 'pdf' | 'json'): Promise<Response> {
  const r = format === 'pdf'
    ? await api.GET('/packets/{id}/pdf', { params: { path: { id } }, parseAs: 'arrayBuffer' })
    : await api.GET('/packets/{id}/json', { params: { path: { id } }, parseAs: 'arrayBuffer' });
  if (!r.response.ok || !r.data) error(r.response.status === 404 || r.response.status === 403 ? 404 : 502, { message: r.response.status === 404 || r.response.status === 403 ? 'Not found.' : 'The API could not serve the packet.' });
  const headers = new Headers({ 'content-type': r.response.headers.get('content-type') ?? 'application/octet-stream', 'cache-control': 'private, no-store' });
  for (const h of ['content-disposition', 'x-content-sha256', 'x-evidence-digest']) {
    const v = r.response.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(r.data as ArrayBuffer, { headers });
}
