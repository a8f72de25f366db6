import type { Kysely } from 'kysely';
import type { CredentialKeyring, Database } from '@custos/db';
import type { WorkflowGateway } from './temporal/gateway.js';
import type { ReportDeps } from './routes/reports/report-deps.js';

/** Everything the app needs from outside, built once by server.ts (or a test) and passed in. */
export interface ApiDeps {
  db: Kysely<Database>;
  keyring: CredentialKeyring;
  workflows: WorkflowGateway;
  /** Public base URL: OIDC redirect URI and cookie security follow it. */
  publicUrl: URL;
  /** Accept an identity provider over plain http (loopback test IdP only; never in production). */
  allowInsecureOidcIssuer: boolean;
  /** Requests per minute per IP on sign-in, TOTP and enrolment. */
  authRateLimit: number;
  /** Packet generation and attestation recording (Temporal) and the attestable controls; without it those answer 503. */
  reports?: ReportDeps;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
  }
}
