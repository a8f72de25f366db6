import * as Minio from 'minio';
import { webConfig } from '../config.js';

let client: Minio.Client | undefined;

function s3(): Minio.Client {
  if (!client) {
    const c = webConfig();
    client = new Minio.Client({
      endPoint: c.s3Endpoint.hostname,
      port: Number(c.s3Endpoint.port || (c.s3Endpoint.protocol === 'https:' ? 443 : 80)),
      useSSL: c.s3Endpoint.protocol === 'https:',
      accessKey: c.s3AccessKey,
      secretKey: c.s3SecretKey,
      region: c.s3Region,
    });
  }
  return client;
}

/**
 * Reads one evidence object at the exact version the index recorded (the bucket is versioned and
 * locked; a later version under the same key is never what was logged). Read-only: the dashboard
 * never writes evidence. Undefined when the object or version is missing.
 */
export async function readEvidenceObject(objectKey: string, versionId: string | null): Promise<Uint8Array | undefined> {
  const c = webConfig();
  try {
    const stream = await s3().getObject(c.s3EvidenceBucket, `${c.evidencePrefix ?? ''}${objectKey}`, versionId ? { versionId } : {});
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'NoSuchKey' || code === 'NoSuchVersion' || code === 'NotFound') return undefined;
    throw err;
  }
}
