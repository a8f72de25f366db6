import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes.js';
import { nobleSigner, nobleVerifier } from '../ed25519.js';
import { verifyEnvelope } from '../dsse.js';
import { leafHash } from '../merkle/hash.js';
import { treeRoot } from '../merkle/proofs.js';
import { parseCanonical } from '../jcs.js';
import { buildBundle, envelopeName, signBundle } from './build.js';
import { validateStatement } from './predicate.js';
import { SchemaError, ZERO_DIGEST } from './schema.js';
import { SiteLog, SiteLogConflict } from './site-log.js';
import { DOMAIN, scanInput, uuidFor } from '../../test/fixtures.js';

const signer = nobleSigner(fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));

describe('buildBundle', () => {
  it('builds a canonical, signed, verifiable scan bundle', async () => {
    const b = signBundle(buildBundle(scanInput(0, ZERO_DIGEST)), [signer]);
    expect(b.statement.predicateType).toBe(`https://${DOMAIN}/attestations/hipaa-scan/v1`);
    expect(b.statement.predicate.seq).toBe('0');
    expect(parseCanonical(b.bytes).canonical).toBe(true);
    const v = await verifyEnvelope(b.envelope, [signer.publicKey], nobleVerifier);
    expect(v.ok).toBe(true);
    expect(parseCanonical(v.body).canonical).toBe(true);
    expect(envelopeName(0, b.digestHex)).toBe(`0-${b.digestHex}.dsse.json`);
  });

  it('refuses names and free text where opaque ids belong, naming the field', () => {
    expect(() => buildBundle({ ...scanInput(0, ZERO_DIGEST), site: 'Dr Smith Family Practice' })).toThrow(
      '/predicate/site: must be an opaque id, got "Dr Smith Family Practice"',
    );
    const withHostName = scanInput(0, ZERO_DIGEST);
    expect(() => buildBundle({ ...withHostName, controls: [{ id: '164.312(b)', result: 'pass', host: 'RECEPTION-PC (Jane Doe)' }] })).toThrow(
      /\/predicate\/controls\/0\/host: must be an opaque id/,
    );
    expect(() => buildBundle({ ...scanInput(0, ZERO_DIGEST), prev: 'abc' })).toThrow(/\/predicate\/prev/);
    expect(() => buildBundle({ ...scanInput(0, ZERO_DIGEST), finishedAt: '2026-11-26T09:00:00Z' })).toThrow(/finishedAt: is before startedAt/);
    expect(() => buildBundle({ ...scanInput(0, ZERO_DIGEST), seq: -1 })).toThrow(RangeError);
  });

  it('requires exactly the section of its kind', () => {
    const base = scanInput(0, ZERO_DIGEST);
    expect(() => buildBundle({ ...base, kind: 'heal' })).toThrow(/\/predicate\/controls: is not allowed for kind heal/);
    const history = buildBundle({
      ...base,
      kind: 'history',
      controls: undefined,
      subjects: [{ name: `histories/${uuidFor(9)}.json`, digest: { sha256: 'ef'.repeat(32) } }],
      history: {
        workflowType: 'scanSite',
        workflowId: 'scan-site-0001-2026-11-26',
        workflowRunId: uuidFor(9),
        status: 'completed',
        eventCount: '42',
        workflowBundle: { sha256: '12'.repeat(32), buildId: 'workflows@0.1.0' },
      },
    } as never);
    expect(history.predicateType).toBe(`https://${DOMAIN}/attestations/workflow-history/v1`);
  });

  it('accepts the time suffix a Temporal Schedule appends to workflow ids, and nothing else with capitals', () => {
    const base = scanInput(0, ZERO_DIGEST);
    const historyWith = (workflowId: string) =>
      buildBundle({
        ...base,
        kind: 'history',
        controls: undefined,
        subjects: [{ name: `histories/${uuidFor(9)}.json`, digest: { sha256: 'ef'.repeat(32) } }],
        history: { workflowType: 'scanSite', workflowId, workflowRunId: uuidFor(9), status: 'completed', eventCount: '42', workflowBundle: { sha256: '12'.repeat(32) } },
      } as never);
    expect(historyWith('scan:site-0001-2026-11-26T21:00:00Z').predicateType).toMatch(/workflow-history/);
    expect(() => historyWith('scan:Dr-Smith-2026-11-26T21:00:00Z')).toThrow(/\/predicate\/history\/workflowId: must be a workflow id/);
    expect(() => historyWith('scan:site-0001-2026-11-26t21:00:00z-X')).toThrow(/workflowId/);
  });

  it('validateStatement rejects unknown fields and wrong predicate types', () => {
    const s = JSON.parse(JSON.stringify(buildBundle(scanInput(0, ZERO_DIGEST)))) as Record<string, unknown>;
    expect(() => validateStatement({ ...s, extra: 1 })).toThrow(SchemaError);
    expect(() => validateStatement({ ...s, predicateType: 'https://other.example/attestations/hipaa-scan/v1' }, () => 'https://custos.test/x')).toThrow(
      /\/predicateType/,
    );
  });
});

describe('SiteLog single writer', () => {
  it('chains prev, numbers seq from the log, and matches the batch root after a resume', () => {
    const log = SiteLog.create(`${DOMAIN}/evidence/tenant-0001/site-0001`);
    const digests: Uint8Array[] = [];
    for (let i = 0; i < 10; i++) {
      const { seq, prev } = log.next();
      expect(prev).toBe(i === 0 ? ZERO_DIGEST : toHex(digests[i - 1]!));
      const b = signBundle(buildBundle(scanInput(seq, prev)), [signer]);
      log.append(seq, b.digest);
      digests.push(b.digest);
      if (i === 4) {
        const resumed = SiteLog.resume(JSON.parse(JSON.stringify(log.state())) as never);
        expect(toHex(resumed.root())).toBe(toHex(log.root()));
      }
    }
    expect(toHex(log.root())).toBe(toHex(treeRoot(digests.map(leafHash))));
  });

  it('refuses an append whose seq another writer already took (no forks)', () => {
    const log = SiteLog.create('o');
    log.append(0, new Uint8Array(32));
    expect(() => log.append(0, new Uint8Array(32).fill(1))).toThrow(SiteLogConflict);
    expect(() => log.append(2, new Uint8Array(32))).toThrow(/next seq is 1/);
    expect(log.size).toBe(1);
  });
});
