/**
 * Every environment variable Custos reads, in one place. Processes pick the ones they need
 * (see `defineConfig`); `.env.example` and the README table are generated from this list and a
 * test keeps them in step.
 */
import { boolean, hostPort, integer, key32, oneOf, optional, port, text, url } from './env-var.js';

export const vars = {
  env: oneOf('CUSTOS_ENV', ['development', 'test', 'production'] as const, {
    doc: 'Deployment kind. In production, secrets must be set explicitly (development defaults are refused).',
    default: 'development',
  }),
  logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, {
    doc: 'pino log level for every process.',
    default: 'info',
  }),
  stackDir: text('CUSTOS_STACK_DIR', {
    doc: 'Where the local stack keeps state, logs and pids (relative paths are resolved from the repository root).',
    default: '.stack',
  }),

  temporalAddress: hostPort('TEMPORAL_ADDRESS', {
    doc: 'Temporal frontend (gRPC). The local stack starts a dev server here when it is a loopback address.',
    default: '127.0.0.1:7233',
  }),
  temporalNamespace: text('TEMPORAL_NAMESPACE', { doc: 'Temporal namespace.', default: 'custos' }),
  temporalTls: boolean('TEMPORAL_TLS', { doc: 'Connect to Temporal over TLS (production clusters, Temporal Cloud).', default: 'false' }),
  temporalTlsCaPath: optional(text('TEMPORAL_TLS_CA_PATH', { doc: 'PEM CA bundle for the Temporal server certificate.' })),
  temporalTlsCertPath: optional(text('TEMPORAL_TLS_CERT_PATH', { doc: 'PEM client certificate for mTLS.' })),
  temporalTlsKeyPath: optional(text('TEMPORAL_TLS_KEY_PATH', { doc: 'PEM client key for mTLS.' })),
  temporalApiKey: optional(text('TEMPORAL_API_KEY', { doc: 'API key for Temporal Cloud.', secret: true })),
  temporalHttpPort: port('CUSTOS_TEMPORAL_HTTP_PORT', { doc: 'Local stack: dev server HTTP API port.', default: '7243' }),
  temporalUiPort: integer('CUSTOS_TEMPORAL_UI_PORT', {
    doc: 'Local stack: Temporal Web UI port, or 0 for a headless dev server.',
    default: '0',
    min: 0,
    max: 65535,
  }),

  databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:'], {
    doc: 'PostgreSQL connection URL. Unset: the local stack uses 127.0.0.1:5432 if it answers, else its own cluster.',
    devDefault: 'postgresql://postgres@127.0.0.1:5432/custos',
    secret: true,
  }),
  localPgPort: port('CUSTOS_LOCAL_PG_PORT', {
    doc: 'Local stack: port of the project-local PostgreSQL cluster (only when no server answers DATABASE_URL).',
    default: '5439',
  }),

  s3Endpoint: url('S3_ENDPOINT', ['http:', 'https:'], {
    doc: 'S3-compatible object store with Object Lock. The local stack runs SeaweedFS here when it is loopback.',
    default: 'http://127.0.0.1:8333',
  }),
  s3Region: text('S3_REGION', { doc: 'S3 region.', default: 'us-east-1' }),
  s3AccessKey: text('S3_ACCESS_KEY', { doc: 'S3 access key id.', devDefault: 'custos-dev', secret: true }),
  s3SecretKey: text('S3_SECRET_KEY', { doc: 'S3 secret key.', devDefault: 'custos-dev-secret-key', secret: true }),
  s3EvidenceBucket: text('S3_EVIDENCE_BUCKET', {
    doc: 'Bucket for evidence; must have Object Lock enabled.',
    default: 'custos-evidence',
  }),
  seaweedMasterPort: port('CUSTOS_SEAWEED_MASTER_PORT', { doc: 'Local stack: SeaweedFS master port.', default: '9333' }),
  seaweedVolumePort: port('CUSTOS_SEAWEED_VOLUME_PORT', { doc: 'Local stack: SeaweedFS volume port.', default: '8089' }),
  seaweedFilerPort: port('CUSTOS_SEAWEED_FILER_PORT', { doc: 'Local stack: SeaweedFS filer port.', default: '8888' }),

  apiPort: port('CUSTOS_API_PORT', { doc: 'Port of the Central API (fastify).', default: '3000' }),
  webPort: port('CUSTOS_WEB_PORT', { doc: 'Port of the dashboard (SvelteKit).', default: '5173' }),
  bindHost: text('CUSTOS_BIND_HOST', { doc: 'Address the API and dashboard listen on.', default: '127.0.0.1' }),
  webApiUrl: optional(
    url('CUSTOS_WEB_API_URL', ['http:', 'https:'], {
      doc: 'Where the dashboard server calls the Central API. Unset: http://<CUSTOS_BIND_HOST>:<CUSTOS_API_PORT>.',
    }),
  ),
  webPublicUrl: optional(
    url('CUSTOS_WEB_PUBLIC_URL', ['http:', 'https:'], {
      doc: 'Public origin of the dashboard (form posts from any other origin are refused). Unset: http://<CUSTOS_BIND_HOST>:<CUSTOS_WEB_PORT>.',
    }),
  ),

  siteId: text('CUSTOS_SITE_ID', { doc: 'Appliance: the one site this appliance serves (its task queue is site.<id>).' }),
  payloadKeys: text('CUSTOS_PAYLOAD_KEYS', {
    doc: 'Temporal payload encryption keys as keyId:base64(32 bytes), comma-separated; the first encrypts.',
    devDefault: 'dev1:ZGV2LW9ubHktcGF5bG9hZC1rZXktMzItYnl0ZXMhISE=',
    secret: true,
  }),
  credentialKey: key32('CUSTOS_CREDENTIAL_KEY', {
    doc: 'AES-256-GCM key (base64, 32 bytes) for host credentials at rest.',
    devDefault: 'ZGV2LW9ubHktY3JlZGVudGlhbC1rZXktMzJieXRlcyE=',
  }),
  credentialPreviousKeys: optional(
    text('CUSTOS_CREDENTIAL_PREVIOUS_KEYS', {
      doc: 'Keys retired by a rotation (comma-separated base64), kept until `custos db rotate-credentials` re-sealed every row.',
      secret: true,
    }),
  ),
  apiPublicUrl: url('CUSTOS_API_PUBLIC_URL', ['http:', 'https:'], {
    doc: 'Public base URL of the Central API (OIDC redirect URI, links in notifications).',
    default: 'http://127.0.0.1:3000',
  }),

  evidenceDomain: text('CUSTOS_EVIDENCE_DOMAIN', {
    doc: 'DNS name of this deployment in evidence: predicate types and log origins (`<domain>/evidence/<client>/<site>`). Never change it once evidence exists.',
    default: 'custos.local',
  }),
  evidencePrefix: optional(
    text('CUSTOS_EVIDENCE_PREFIX', {
      doc: 'Key prefix inside the evidence bucket (e.g. `prod/`), so several deployments or test runs can share one bucket.',
    }),
  ),
  evidenceRetentionYears: integer('CUSTOS_EVIDENCE_RETENTION_YEARS', {
    doc: 'Object Lock COMPLIANCE retention of every evidence object: retain-until = creation + this many years (HIPAA 164.316(b)(2): 6).',
    default: '6',
    min: 1,
    max: 100,
  }),
  evidenceBundleKey: key32('CUSTOS_EVIDENCE_BUNDLE_KEY', {
    doc: 'Ed25519 seed (base64, 32 bytes) that signs evidence bundles; its public key must be in the published trust.json.',
    devDefault: 'ZGV2LW9ubHktZXZpZGVuY2UtYnVuZGxlLWtleS0zMiE=',
  }),
  evidenceLogKey: key32('CUSTOS_EVIDENCE_LOG_KEY', {
    doc: 'Ed25519 seed (base64, 32 bytes) that signs site-log and anchor-log checkpoints (a key separate from the bundle key).',
    devDefault: 'ZGV2LW9ubHktZXZpZGVuY2UtbG9nLWtleS0tLTMyYnk=',
  }),
  evidenceExportKey: key32('CUSTOS_EVIDENCE_EXPORT_KEY', {
    doc: 'Ed25519 seed (base64, 32 bytes) that signs the manifest of every auditor kit.',
    devDefault: 'ZGV2LW9ubHktZXZpZGVuY2UtZXhwb3J0LWtleS0zMmI=',
  }),
  evidenceRootKey: optional(
    key32('CUSTOS_EVIDENCE_ROOT_KEY', {
      doc: 'Ed25519 seed of the trust root, used only to publish trust.json version 1 into an empty bucket. Keep it offline in production: unset, Custos refuses to sign until a trust.json is published.',
      devDefault: 'ZGV2LW9ubHktZXZpZGVuY2Utcm9vdC1rZXktLTMyYnk=',
    }),
  ),
  tsaUrl: optional(
    url('CUSTOS_TSA_URL', ['http:', 'https:'], { doc: 'RFC 3161 time-stamping authority for anchor checkpoints (unset: no TSA tokens, OpenTimestamps only).' }),
  ),
  tsaRootCerts: optional(
    text('CUSTOS_TSA_ROOT_CERTS', { doc: 'PEM file with the TSA root certificate(s) responses must chain to; published in trust.json for auditors.' }),
  ),
  otsCalendars: text('CUSTOS_OTS_CALENDARS', {
    doc: 'OpenTimestamps calendar URLs, comma-separated; the only calendars ever contacted.',
    default: 'https://a.pool.opentimestamps.org,https://b.pool.opentimestamps.org,https://a.pool.eternitywall.com',
  }),
  otsMinAttestations: integer('CUSTOS_OTS_MIN_ATTESTATIONS', {
    doc: 'Calendars that must return a pending attestation for an OpenTimestamps submission to count.',
    default: '2',
    min: 1,
    max: 10,
  }),
  btcHeaderSource: url('CUSTOS_BTC_HEADER_SOURCE', ['http:', 'https:'], {
    doc: 'Where upgraded OpenTimestamps proofs get Bitcoin block headers: an Esplora API base, or a URL with {height} answering the 80-byte header in hex.',
    default: 'https://blockstream.info/api',
  }),
  btcMaxTarget: text('CUSTOS_BTC_MAX_TARGET', {
    doc: 'Easiest Bitcoin proof of work (compact nBits hex) accepted in anchors and written to trust.json: 1d00ffff for mainnet.',
    default: '1d00ffff',
  }),

  l2ApiKey: optional(
    text('CUSTOS_L2_API_KEY', { doc: 'API key of the OpenAI-compatible endpoint the L2 planner calls. Unset: L2 is skipped and findings without an L1 rule go to a human (L3).', secret: true }),
  ),
  l2BaseUrl: url('CUSTOS_L2_BASE_URL', ['http:', 'https:'], {
    doc: 'Base URL of the OpenAI-compatible API for the L2 planner (OpenAI, Azure OpenAI, vLLM, Ollama).',
    default: 'https://api.openai.com/v1',
  }),
  l2Model: text('CUSTOS_L2_MODEL', { doc: 'Model the L2 planner asks; it must support structured outputs (json_schema, strict).', default: 'gpt-4o-mini' }),
  l2MinConfidencePercent: integer('CUSTOS_L2_MIN_CONFIDENCE', {
    doc: 'Lowest model confidence (percent) at which an L2 plan is used; below it the finding goes to L3.',
    default: '70',
    min: 0,
    max: 100,
  }),
  l2DailyTokenBudget: integer('CUSTOS_L2_DAILY_TOKENS', {
    doc: 'Tokens (prompt + completion, all sites) the L2 planner may spend per UTC day; past it, findings go to L3.',
    default: '500000',
    min: 0,
  }),
  l2MaxConcurrent: integer('CUSTOS_L2_MAX_CONCURRENT', { doc: 'L2 planner calls in flight at once, across all central workers.', default: '3', min: 1, max: 100 }),
  l2TimeoutSeconds: integer('CUSTOS_L2_TIMEOUT_SECONDS', { doc: 'Timeout of one L2 planner call.', default: '30', min: 1, max: 600 }),
  l2MaxOutputTokens: integer('CUSTOS_L2_MAX_OUTPUT_TOKENS', { doc: 'Completion token cap of one L2 planner call.', default: '800', min: 50, max: 16000 }),
  phiScrubIps: boolean('CUSTOS_PHI_SCRUB_IPS', {
    doc: 'Also replace IP addresses when scrubbing PHI from what leaves for the L2 planner (HIPAA Safe Harbor lists them as identifiers).',
    default: 'true',
  }),

  smtpUrl: optional(
    url('CUSTOS_SMTP_URL', ['smtp:', 'smtps:'], {
      doc: 'SMTP relay for email notifications, e.g. smtps://user:password@mail.example.com:465. Unset: email channels report "not configured".',
      secret: true,
    }),
  ),
  mailFrom: text('CUSTOS_MAIL_FROM', { doc: 'Sender of notification email.', default: 'Custos <custos@localhost>' }),
  webhookSigningKey: key32('CUSTOS_WEBHOOK_SIGNING_KEY', {
    doc: 'Master key (base64, 32 bytes) from which each webhook channel\'s HMAC-SHA256 signing secret is derived.',
    devDefault: 'ZGV2LW9ubHktd2ViaG9vay1zaWduaW5nLWtleS0zMiE=',
  }),
  notifyTimeoutSeconds: integer('CUSTOS_NOTIFY_TIMEOUT_SECONDS', { doc: 'Timeout of one notification delivery (SMTP or HTTP).', default: '10', min: 1, max: 120 }),

  gatewayListen: hostPort('CUSTOS_GATEWAY_LISTEN', {
    doc: 'Appliance gateway: where it listens (gRPC over TLS) for appliance workers.',
    default: '127.0.0.1:7236',
  }),
  gatewayTlsCertPath: optional(text('CUSTOS_GATEWAY_TLS_CERT_PATH', { doc: 'Appliance gateway: PEM certificate chain it presents (required to run the gateway).' })),
  gatewayTlsKeyPath: optional(text('CUSTOS_GATEWAY_TLS_KEY_PATH', { doc: 'Appliance gateway: PEM private key of that certificate (required to run the gateway).' })),
  gatewayAddress: optional(
    hostPort('CUSTOS_GATEWAY_ADDRESS', { doc: 'Appliance: connect to Temporal through the appliance gateway at this host:port instead of TEMPORAL_ADDRESS.' }),
  ),
  gatewayCaPath: optional(text('CUSTOS_GATEWAY_CA_PATH', { doc: 'Appliance: PEM CA that issued the gateway certificate (unset: the system roots).' })),
  gatewayServerName: optional(text('CUSTOS_GATEWAY_SERVER_NAME', { doc: 'Appliance: name to verify on the gateway certificate when it differs from the address host.' })),
  applianceToken: optional(
    text('CUSTOS_APPLIANCE_TOKEN', { doc: 'Appliance: the bearer token enrolment issued (cap_…); the gateway maps it to this appliance\'s one site.', secret: true }),
  ),

  runbooksDir: optional(
    text('CUSTOS_RUNBOOKS_DIR', { doc: 'Runbook catalogue folder (windows/, rules/, controls/) for central and appliances. Unset: the catalogue shipped in runbooks/.' }),
  ),
  scanBatchHosts: integer('CUSTOS_SCAN_BATCH_HOSTS', {
    doc: 'Hosts per checkHosts activity in a scan (a batch is one heartbeating activity on the appliance).',
    default: '10',
    min: 1,
    max: 200,
  }),
  scanParallelBatches: integer('CUSTOS_SCAN_PARALLEL_BATCHES', { doc: 'Batches of one scan in flight at once.', default: '4', min: 1, max: 64 }),
  workerShutdownGraceSeconds: integer('CUSTOS_WORKER_SHUTDOWN_GRACE_SECONDS', {
    doc: 'On SIGTERM/SIGINT, how long a worker lets running activities finish before cancelling them.',
    default: '30',
    min: 0,
    max: 3600,
  }),
  applianceStateDir: text('CUSTOS_APPLIANCE_STATE_DIR', {
    doc: 'Appliance: where it keeps its remediation journal (one folder per site), so a restart never applies a change twice.',
    default: '.stack/appliance',
  }),
  applianceId: optional(text('CUSTOS_APPLIANCE_ID', { doc: 'Appliance: its id from enrolment (with CUSTOS_APPLIANCE_TOKEN and CUSTOS_APPLIANCE_KEY_PATH it fetches host credentials from CUSTOS_API_PUBLIC_URL).' })),
  applianceKeyPath: optional(text('CUSTOS_APPLIANCE_KEY_PATH', { doc: 'Appliance: file with its X25519 private key from enrolment (32 raw bytes or base64); opens the sealed host credentials.' })),
  applianceLabAdminUrl: optional(
    url('CUSTOS_APPLIANCE_LAB_ADMIN_URL', ['http:'], { doc: 'Appliance, development only: take host endpoints and credentials from a lab simulator\'s admin API instead of Central (refused in production).' }),
  ),
  winrmConcurrency: integer('CUSTOS_WINRM_CONCURRENCY', { doc: 'Appliance: WinRM operations in flight at once across all hosts (at most two per host).', default: '64', min: 1, max: 1024 }),
} as const;

export type VarKey = keyof typeof vars;
