import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Client } from '@temporalio/client';
import type { Database } from '@custos/db';
import type { ConfigOf } from '@custos/core/config';
import type { EvidenceActivityDeps } from './activities.js';
import { AnchorService } from './anchoring/anchor-service.js';
import type { AnchoringSettings } from './anchoring/anchor-service.js';
import type { WorkflowCode } from './history/history-exporter.js';
import { evidenceKeys } from './keys/evidence-keys.js';
import type { TrustSettings } from './keys/trust-registry.js';
import { EvidenceService } from './service/evidence-service.js';
import type { EvidenceAgent } from './service/evidence-service.js';
import { MinioObjectStore } from './store/minio-object-store.js';

/** Every variable the evidence service reads; pass to `defineConfig` together with your own. */
export const EVIDENCE_CONFIG_KEYS = [
  'evidenceDomain',
  'evidencePrefix',
  'evidenceRetentionYears',
  'evidenceBundleKey',
  'evidenceLogKey',
  'evidenceExportKey',
  'evidenceRootKey',
  'tsaUrl',
  'tsaRootCerts',
  'otsCalendars',
  'otsMinAttestations',
  'btcHeaderSource',
  'btcMaxTarget',
  's3Endpoint',
  's3Region',
  's3AccessKey',
  's3SecretKey',
  's3EvidenceBucket',
] as const;

export type EvidenceConfig = ConfigOf<(typeof EVIDENCE_CONFIG_KEYS)[number]>;

/** DER certificates from a PEM file, named after the file for trust.json. */
export function readPemCertificates(file: string): { name: string; certificate: Uint8Array }[] {
  const pem = readFileSync(file, 'utf8');
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw new Error(`config: CUSTOS_TSA_ROOT_CERTS ${file} holds no PEM certificate`);
  return blocks.map((m, i) => ({ name: `${path.basename(file)}#${i + 1}`, certificate: new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) }));
}

export function trustSettingsOf(config: EvidenceConfig): TrustSettings {
  if (!/^[0-9a-f]{8}$/.test(config.btcMaxTarget)) throw new Error(`config: CUSTOS_BTC_MAX_TARGET must be 8 lowercase hex digits, got "${config.btcMaxTarget}"`);
  return { tsaRoots: config.tsaRootCerts ? readPemCertificates(config.tsaRootCerts) : [], bitcoinMaxTarget: config.btcMaxTarget };
}

export function anchoringSettingsOf(config: EvidenceConfig): AnchoringSettings {
  const calendars = config.otsCalendars.split(',').map((c) => c.trim()).filter((c) => c !== '');
  for (const c of calendars) if (!/^https?:\/\/[^\s/]+/.test(c)) throw new Error(`config: CUSTOS_OTS_CALENDARS entry "${c}" is not an http(s) URL`);
  return {
    ...(config.tsaUrl ? { tsaUrl: config.tsaUrl.toString() } : {}),
    otsCalendars: calendars,
    otsMinAttestations: config.otsMinAttestations,
    headerSource: config.btcHeaderSource.toString().replace(/%7Bheight%7D/gi, '{height}'),
  };
}

/** The evidence service of a deployment, from its config (CLI and worker alike). */
export function evidenceServiceFromConfig(config: EvidenceConfig, db: Kysely<Database>, agent?: EvidenceAgent): EvidenceService {
  return new EvidenceService({
    db,
    store: new MinioObjectStore({ endpoint: config.s3Endpoint, region: config.s3Region, accessKey: config.s3AccessKey, secretKey: config.s3SecretKey, bucket: config.s3EvidenceBucket, ...(config.evidencePrefix ? { prefix: config.evidencePrefix } : {}) }),
    keys: evidenceKeys({
      domain: config.evidenceDomain,
      bundle: config.evidenceBundleKey,
      log: config.evidenceLogKey,
      export: config.evidenceExportKey,
      ...(config.evidenceRootKey ? { root: config.evidenceRootKey } : {}),
    }),
    trust: trustSettingsOf(config),
    retention: { years: config.evidenceRetentionYears },
    ...(agent ? { agent } : {}),
  });
}

/** Reads a workflow bundle file (as given to Worker.create's workflowBundle.codePath) with its SHA-256. */
export function workflowCodeFromFile(codePath: string): WorkflowCode {
  const bytes = new Uint8Array(readFileSync(codePath));
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** Everything the central worker passes as `evidence` in CentralActivityDeps. */
export function evidenceActivityDepsFromConfig(opts: {
  config: EvidenceConfig;
  db: Kysely<Database>;
  temporal: Client;
  agent: EvidenceAgent;
  workflowCode?: WorkflowCode;
}): EvidenceActivityDeps {
  const service = evidenceServiceFromConfig(opts.config, opts.db, opts.agent);
  return {
    service,
    anchoring: new AnchorService(service, anchoringSettingsOf(opts.config)),
    temporal: opts.temporal,
    ...(opts.workflowCode ? { workflowCode: opts.workflowCode } : {}),
  };
}
