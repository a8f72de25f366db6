import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { createAttestation, getAttestationDocument, getClient, listAttestations, listSites, type AttestationRow, type Scope } from '@custos/db';
import { ApiError } from '../../errors.js';
import { scope, temporalIdentity, userOf } from '../../auth/request.js';
import type { UserPrincipal } from '../../auth/principal.js';
import { audit } from '../../plugins/audit.js';
import { errorResponses, IdParams, Nullable, SafeText, Uuid } from '../../schemas/common.js';
import type { ReportDeps } from '../reports/report-deps.js';
import { FileBody } from '../reports/views.js';
import { decodeDocument, MAX_DOCUMENT_BYTES } from './documents.js';
import { AttestationView, attestationView, ControlId, Framework } from './views.js';

const ClientParams = Type.Object({ clientId: Uuid }, { additionalProperties: false });
const YEAR_MS = 365 * 86_400_000;
const DocumentType = Type.Union([Type.Literal('application/pdf'), Type.Literal('image/png'), Type.Literal('image/jpeg'), Type.Literal('text/plain')]);

const TaskView = Type.Object({
  framework: Framework,
  controlId: ControlId,
  title: Type.String(),
  evidence: Type.Union([Type.Literal('manual'), Type.Literal('partial')], { description: 'manual: only a person can evidence it; partial: checks evidence the technical part' }),
  task: Type.String({ description: 'what the person must have in place to attest' }),
  attestation: Nullable(AttestationView),
});

const CreateBody = Type.Object(
  {
    framework: Framework,
    controlId: ControlId,
    statement: SafeText(4000, { description: 'what is in place, in the attester\'s words' }),
    validUntil: Type.Optional(Type.String({ format: 'date-time', description: 'end of validity; default one year, at most three' })),
    document: Type.Optional(
      Type.Object(
        {
          name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', description: 'file name, e.g. security-official.pdf' }),
          contentType: DocumentType,
          contentBase64: Type.String({ maxLength: Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

function requireReports(deps: ReportDeps | undefined): ReportDeps {
  if (!deps) throw new ApiError('workflow_unavailable');
  return deps;
}

/**
 * Starts recording a decision as evidence. If Temporal cannot be reached the decision is kept and
 * recorded by the next recording or by the client's monthly packet, which records pending ones first.
 */
/** Decisions are logged in the client's evidence site log: a client without a site cannot record them. */
export async function requireEvidenceSite(db: FastifyInstance['deps']['db'], scope: Scope, clientId: string): Promise<void> {
  const client = await getClient(db, scope, clientId);
  if (!client) throw new ApiError('not_found');
  if ((await listSites(db, scope, { clientId })).length === 0) throw new ApiError('conflict', 'the client has no site yet, so there is no evidence log to record this in; add a site first');
}

export async function startRecording(reports: ReportDeps, log: FastifyBaseLogger, user: UserPrincipal, clientId: string, decisionId: string): Promise<void> {
  try {
    await reports.workflows.startDecisionRecording({ clientId, decisionId }, temporalIdentity(user));
  } catch (err) {
    log.warn({ err, decisionId }, 'recording a client decision as evidence could not start now; the monthly packet records it');
  }
}

/**
 * Manual controls as tasks a client owner attests: the task list with each control's attestation in
 * force, the attestations themselves, new attestations (with an optional document) and their
 * documents. An attestation is evidence once recorded: the packet shows it as attested, by whom and
 * when, never as automated.
 */
export const attestationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/clients/:clientId/attestation-tasks',
    {
      config: { auth: 'user', action: 'attestations.read' },
      schema: { tags: ['attestations'], params: ClientParams, querystring: Type.Object({ framework: Type.Optional(Framework) }, { additionalProperties: false }), response: { 200: Type.Array(TaskView), ...errorResponses } },
    },
    async (request) => {
      const s = scope(request);
      if (!(await getClient(db, s, request.params.clientId))) throw new ApiError('not_found');
      const controls = requireReports(app.deps.reports).attestable().filter((c) => !request.query.framework || c.framework === request.query.framework);
      const now = new Date();
      const inForce = new Map<string, AttestationRow>();
      // Newest first: the first one still valid for a control is the one in force.
      for (const a of await listAttestations(db, s, { clientId: request.params.clientId, limit: 5000 })) {
        const key = `${a.framework}\u0000${a.control_id}`;
        if (!inForce.has(key) && a.attested_at <= now && a.valid_until > now) inForce.set(key, a);
      }
      return controls.map((c) => {
        const a = inForce.get(`${c.framework}\u0000${c.id}`);
        return { framework: c.framework, controlId: c.id, title: c.title, evidence: c.evidence, task: c.task, attestation: a ? attestationView(a) : null };
      });
    },
  );

  app.get(
    '/clients/:clientId/attestations',
    {
      config: { auth: 'user', action: 'attestations.read' },
      schema: { tags: ['attestations'], params: ClientParams, querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }, { additionalProperties: false }), response: { 200: Type.Array(AttestationView), ...errorResponses } },
    },
    async (request) => {
      const s = scope(request);
      if (!(await getClient(db, s, request.params.clientId))) throw new ApiError('not_found');
      return (await listAttestations(db, s, { clientId: request.params.clientId, limit: request.query.limit })).map(attestationView);
    },
  );

  app.post(
    '/clients/:clientId/attestations',
    {
      // A document of up to 10 MiB arrives base64-encoded in the JSON body.
      bodyLimit: 15 * 1024 * 1024,
      config: { auth: 'user', action: 'attestations.write' },
      schema: { tags: ['attestations'], params: ClientParams, body: CreateBody, response: { 201: AttestationView, 503: errorResponses[400], ...errorResponses } },
    },
    async (request, reply) => {
      const reports = requireReports(app.deps.reports);
      const { framework, controlId, statement } = request.body;
      const control = reports.attestable().find((c) => c.framework === framework && c.id === controlId);
      if (!control) throw new ApiError('invalid_request', `${controlId} is not a ${framework} control a person can attest (automated controls are evidenced by checks)`, 'body.controlId');
      const now = new Date();
      const validUntil = request.body.validUntil === undefined ? new Date(now.getTime() + YEAR_MS) : new Date(request.body.validUntil);
      if (!(validUntil > now) || validUntil.getTime() > now.getTime() + 3 * YEAR_MS) throw new ApiError('invalid_request', 'validUntil must be in the future and at most three years away', 'body.validUntil');
      const document = request.body.document ? decodeDocument(request.body.document) : undefined;
      await requireEvidenceSite(db, scope(request), request.params.clientId);
      const user = userOf(request);
      const row = await db.transaction().execute(async (trx) => {
        const a = await createAttestation(trx, scope(request), {
          clientId: request.params.clientId, framework, controlId, statement, attestedBy: user.userId, attestedByName: user.displayName, attestedAt: now, validUntil,
          ...(document ? { document } : {}),
        });
        if (!a) throw new ApiError('not_found');
        await audit(trx, request, {
          action: 'attestations.create',
          target: { kind: 'attestation', id: a.id },
          tenant: { partnerId: a.partner_id, clientId: a.client_id },
          detail: { framework, controlId, document: document ? { sha256: document.sha256, bytes: document.bytes.length } : null },
        });
        return a;
      });
      await startRecording(reports, request.log, user, row.client_id, row.id);
      return reply.code(201).send(attestationView(row));
    },
  );

  app.get(
    '/attestations/:id/document',
    {
      config: { auth: 'user', action: 'attestations.read' },
      schema: { tags: ['attestations'], params: IdParams, response: { 200: FileBody('the uploaded document'), ...errorResponses } },
    },
    async (request, reply) => {
      const doc = await getAttestationDocument(db, scope(request), request.params.id);
      if (!doc) throw new ApiError('not_found');
      return reply
        .type(doc.row.document_type!)
        .header('content-disposition', `attachment; filename="${doc.row.document_name}"`)
        .header('x-content-sha256', doc.row.document_sha256!)
        .header('cache-control', 'private, no-store')
        .send(doc.bytes);
    },
  );
};
