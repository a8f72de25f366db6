import * as Minio from 'minio';
import { stackEndpoints } from './stack.js';
import { stackContext } from '@custos/cli/stack';

/** A minio client for the stack's S3 endpoint, with the configured (local) access keys. */
export function s3Client(): Minio.Client {
  const { endpoint, region } = stackEndpoints().s3;
  const { config } = stackContext();
  const url = new URL(endpoint);
  return new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port || 80),
    useSSL: url.protocol === 'https:',
    accessKey: config.s3AccessKey,
    secretKey: config.s3SecretKey,
    region,
  });
}
