import { describe, expect, it } from 'vitest';
import { fromUtf8, sha256, toHex } from '@custos/evidence';
import type { AttestationRow, RiskAcceptanceRow } from '@custos/db';
import { attestationEvidence, attestationFrom, exceptionFrom, riskAcceptanceEvidence } from './client-decisions.js';

const ID = '0192f0c1-0000-7000-8000-0000000000aa';
const USER = '0192f0c1-0000-7000-8000-0000000000bb';
const SITE = '0192f0c1-0000-7000-8000-0000000000cc';
const RUN = '0192f0c1-0000-7000-8000-0000000000dd';
const doc = new TextEncoder().encode('%PDF-1.4 letter');
const none = { evidence_site_id: null, evidence_seq: null, evidence_digest: null, evidence_recorded_at: null };

const attestation: AttestationRow = {
  id: ID, partner_id: USER, client_id: USER, framework: 'hipaa', control_id: '164.308(a)(2)', statement: 'Dr. Maple is the security official.',
  attested_by: USER, attested_by_name: 'Olivia Owner', attested_at: new Date('2026-10-05T10:00:00Z'), valid_until: new Date('2027-10-05T10:00:00Z'),
  document_name: 'letter.pdf', document_type: 'application/pdf', document_sha256: toHex(sha256(doc)), ...none,
};

describe('client decisions as evidence', () => {
  it('an attestation is an approval bundle binding its decision document, with the uploaded document beside it', () => {
    const req = attestationEvidence(attestation, SITE, RUN, doc);
    const [json, upload] = req.artefacts!;
    expect(req).toMatchObject({ requestKey: `attestation:${ID}`, kind: 'approval', siteId: SITE, runId: RUN, finishedAt: '2026-10-05T10:00:00.000Z' });
    expect(req.approval).toEqual({ ofRun: ID, planSha256: toHex(sha256(json!.bytes)), decision: 'approved', approver: USER, decidedAt: '2026-10-05T10:00:00.000Z' });
    expect(json!.name).toBe(`reports/decisions/attestations/${ID}.json`);
    expect(upload).toEqual({ name: `reports/decisions/attestations/${ID}/letter.pdf`, bytes: doc, contentType: 'application/pdf' });
    const parsed = attestationFrom(JSON.parse(fromUtf8(json!.bytes)), 'digest-1');
    expect(parsed).toMatchObject({ framework: 'hipaa', controlId: '164.308(a)(2)', attestedBy: 'Olivia Owner', attestedAt: '2026-10-05T10:00:00.000Z', validUntil: '2027-10-05T10:00:00.000Z', evidenceId: 'digest-1', hasDocument: true });
  });

  it('refuses to record a document whose bytes are missing or changed', () => {
    expect(() => attestationEvidence(attestation, SITE, RUN)).toThrow(`attestation ${ID} names a document but its bytes are missing`);
    expect(() => attestationEvidence(attestation, SITE, RUN, new TextEncoder().encode('other'))).toThrow('does not hash to');
  });

  it('a risk acceptance round-trips to the packet exception it states', () => {
    const row: RiskAcceptanceRow = { id: ID, partner_id: USER, client_id: USER, subject: 'RB-WIN-SEC-015', scope: 'WS002', reason: 'Label printer', accepted_by: USER, accepted_by_name: 'Olivia Owner', accepted_at: new Date('2026-10-12T15:00:00Z'), expires_at: null, ...none };
    const req = riskAcceptanceEvidence(row, SITE, RUN);
    expect(exceptionFrom(JSON.parse(fromUtf8(req.artefacts![0]!.bytes)))).toEqual({ id: ID, subject: 'RB-WIN-SEC-015', scope: 'WS002', reason: 'Label printer', acceptedBy: 'Olivia Owner', acceptedAt: '2026-10-12T15:00:00.000Z' });
  });

  it('names the field when a decision document is not one Custos wrote', () => {
    expect(() => attestationFrom({ schema: 'custos.attestation/v1', framework: 'hipaa', controlId: 'x', attestedBy: { id: USER }, attestedAt: '2026-10-05T10:00:00.000Z', validUntil: '2027-10-05T10:00:00.000Z', statement: 's' }, 'd')).toThrow('attestation attestedBy.name must be a non-empty string');
    expect(() => attestationFrom({ schema: 'other' }, 'd')).toThrow('decision document is not custos.attestation/v1');
    expect(() => exceptionFrom({ schema: 'custos.risk-acceptance/v1', id: ID, subject: 's', scope: 's', reason: 'r', acceptedBy: { name: 'n' }, acceptedAt: 'yesterday' })).toThrow('risk acceptance acceptedAt must be an ISO 8601 UTC time');
  });
});
