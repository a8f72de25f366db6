import { createHash } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { readEvidenceObject } from '$lib/server/evidence/store';
import { getReport } from '$lib/server/read-models/reports';
import { scopeOf } from '$lib/server/scope';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = { pdf: 'application/pdf', json: 'application/json' };

/** One file of a packet, read at its recorded version and served only if it still hashes to the signed digest. */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.user) error(401, { message: 'Sign in first.' });
  const report = await getReport(scopeOf(locals.user), params.id);
  const artefact = report?.artefacts.find((a) => a.name === params.name);
  if (!report || !artefact) error(404, { message: 'Not found.' });
  const bytes = await readEvidenceObject(artefact.objectKey, artefact.versionId);
  if (!bytes) error(409, { message: `${artefact.name} is missing from the evidence bucket.` });
  if (createHash('sha256').update(bytes).digest('hex') !== artefact.sha256) error(409, { message: `${artefact.name} does not match the digest in its signed bundle; it is not served.` });
  const ext = artefact.name.split('.').pop() ?? '';
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${artefact.name.split('/').pop()!.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'x-content-sha256': artefact.sha256,
      'cache-control': 'private, no-store',
    },
  });
};
