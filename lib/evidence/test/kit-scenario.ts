import { mineBlock } from '../../testkit/src/ots-calendar/chain.js';
import {
  anchorLogOrigin, buildBundle, buildKit, checkpointBody, concatBytes, formatCheckpoint, keyIdOf, leafHash, MerkleFrontier,
  serializeDetachedTimestamp, sha256, signBundle, signNote, signTrust, SiteLog, siteLogOrigin, toHex, utf8,
} from '../src/index.js';
import type { BundleInput, DetachedTimestamp, DsseEnvelope, Signer, TrustDocument, TrustedKey } from '../src/index.js';
import { nodeSigner } from '../src/node/index.js';
import { DOMAIN, scanInput, uuidFor } from './fixtures.js';

// Builds complete, valid auditor kits from the core (real keys, real signatures, real Merkle logs and
// OTS proofs), for tamper tests and benchmarks.

const seed = (n: number) => new Uint8Array(32).fill(n);
export const KEYS = {
  root: nodeSigner(seed(11)),
  bundleOld: nodeSigner(seed(12)),
  bundleNew: nodeSigner(seed(13)),
  log: nodeSigner(seed(14)),
  export: nodeSigner(seed(15)),
  appliance: nodeSigner(seed(16)),
};
export const LOG_NOTE_NAME = `${DOMAIN}/log`;
/** Bundle keys rotate here; bundles in the overlap hour carry both signatures. */
export const ROTATION = '2026-11-26T12:00:00Z';
export const REGTEST_MAX_TARGET = '207fffff';

function key(s: Signer, role: TrustedKey['role'], extra: Partial<TrustedKey> = {}): TrustedKey {
  return { id: keyIdOf(s.publicKey), role, publicKey: s.publicKey, validFrom: '2026-01-01T00:00:00Z', ...extra };
}

export function trustDocument(tsaRoots: readonly Uint8Array[] = []): TrustDocument {
  return {
    schema: 1,
    domain: DOMAIN,
    version: 1,
    issuedAt: '2026-11-01T00:00:00Z',
    keys: [
      key(KEYS.root, 'root'),
      key(KEYS.bundleOld, 'bundle', { validTo: '2026-11-26T13:00:00Z' }),
      key(KEYS.bundleNew, 'bundle', { validFrom: ROTATION }),
      key(KEYS.log, 'log', { noteName: LOG_NOTE_NAME }),
      key(KEYS.export, 'export'),
      key(KEYS.appliance, 'appliance', { scope: { tenant: 'tenant-0001', site: 'site-0002' } }),
    ],
    tsaRoots: tsaRoots.map((certificate, i) => ({ name: `tsa-${i + 1}`, certificate })),
    policy: { bundleThreshold: 1, rootThreshold: 1, bitcoinMaxTarget: REGTEST_MAX_TARGET },
  };
}

function signersAt(input: BundleInput): Signer[] {
  const t = input.finishedAt;
  const both = t >= ROTATION && t < '2026-11-26T13:00:00Z';
  if (input.site === 'site-0002') return [KEYS.appliance];
  return both ? [KEYS.bundleOld, KEYS.bundleNew] : t < ROTATION ? [KEYS.bundleOld] : [KEYS.bundleNew];
}

export interface ScenarioSite {
  readonly tenant: string;
  readonly site: string;
  readonly bundles: number;
  readonly checkpointEvery: number;
  /** Make every n-th bundle a workflow-history bundle with its history JSON as an artefact. */
  readonly historyEvery?: number;
}

export interface AnchorMaker {
  tsr?(body: Uint8Array): Promise<Uint8Array>;
  ots?(body: Uint8Array): Promise<{ proof: Uint8Array; headers: Map<number, Uint8Array> }>;
}

function historyInput(seq: number, prev: string, base: BundleInput): { input: BundleInput; history: Uint8Array } {
  const runId = uuidFor(100_000 + seq);
  const history = utf8(JSON.stringify({ events: [{ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' }, { eventId: '2', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED' }] }));
  const { controls: _controls, ...rest } = base;
  return {
    history,
    input: {
      ...rest,
      seq,
      prev,
      kind: 'history',
      subjects: [{ name: `histories/${runId}.json`, digest: { sha256: toHex(sha256(history)) } }],
      history: {
        workflowType: 'scanSite',
        workflowId: `scan-${base.site}-${seq}`,
        workflowRunId: runId,
        status: 'completed',
        eventCount: '2',
        workflowBundle: { sha256: '34'.repeat(32), buildId: 'workflows@0.1.0' },
      },
    },
  };
}

export interface ScenarioOptions {
  readonly sites: readonly ScenarioSite[];
  readonly anchors?: AnchorMaker;
  readonly tsaRoots?: readonly Uint8Array[];
  readonly controls?: number;
  /** Simulates a faulty or malicious producer for one bundle: change its input or who signs it. */
  readonly adjust?: (input: BundleInput) => { input?: BundleInput; signers?: Signer[] } | undefined;
}

export async function buildScenarioKit(options: ScenarioOptions): Promise<Map<string, Uint8Array>> {
  const trust: DsseEnvelope = signTrust(trustDocument(options.tsaRoots), [KEYS.root]);
  const log = { name: LOG_NOTE_NAME, signer: KEYS.log };
  const anchorEntries: Uint8Array[] = [];
  const sites = options.sites.map((s) => {
    const siteLog = SiteLog.create(siteLogOrigin(DOMAIN, s.tenant, s.site));
    const envelopes: Uint8Array[] = [];
    const checkpoints: string[] = [];
    const artefacts = new Map<string, Uint8Array>();
    for (let i = 0; i < s.bundles; i++) {
      const { seq, prev } = siteLog.next();
      let input = scanInput(seq, prev, { tenant: s.tenant, site: s.site, controls: options.controls ?? 4 });
      if (s.historyEvery && seq % s.historyEvery === s.historyEvery - 1) {
        const h = historyInput(seq, prev, input);
        input = h.input;
        artefacts.set(input.subjects[0]!.name, h.history);
      }
      const adjusted = options.adjust?.(input);
      if (adjusted?.input) input = adjusted.input;
      const bundle = signBundle(buildBundle(input), adjusted?.signers ?? signersAt(input));
      siteLog.append(seq, bundle.digest);
      envelopes.push(bundle.bytes);
      if (siteLog.size % s.checkpointEvery === 0 || siteLog.size === s.bundles) {
        const note = signNote(formatCheckpoint({ origin: siteLog.origin, size: siteLog.size, root: siteLog.root(), extensions: [] }), [log]);
        checkpoints.push(note);
        anchorEntries.push(sha256(checkpointBody(note)));
      }
    }
    return { tenant: s.tenant, site: s.site, envelopes, checkpoints, artefacts };
  });

  const anchorFrontier = MerkleFrontier.empty();
  for (const e of anchorEntries) anchorFrontier.appendLeafHash(leafHash(e));
  const anchorNote = signNote(formatCheckpoint({ origin: anchorLogOrigin(DOMAIN), size: anchorEntries.length, root: anchorFrontier.root(), extensions: [] }), [log]);
  const body = checkpointBody(anchorNote);
  const tsr = new Map<number, Uint8Array>();
  const ots = new Map<number, Uint8Array>();
  const headers = new Map<number, Uint8Array>();
  if (options.anchors?.tsr) tsr.set(anchorEntries.length, await options.anchors.tsr(body));
  if (options.anchors?.ots) {
    const made = await options.anchors.ots(body);
    ots.set(anchorEntries.length, made.proof);
    for (const [h, b] of made.headers) headers.set(h, b);
  }
  return buildKit({
    domain: DOMAIN,
    createdAt: '2026-11-27T00:00:00Z',
    trust: [trust],
    sites,
    anchors: { entries: anchorEntries, checkpoints: [anchorNote], tsr, ots, headers },
    exportSigners: [KEYS.export],
  });
}

/** An OTS proof built without a network: the same calendar and block construction as the test calendar. */
export function offlineOtsProof(body: Uint8Array): Promise<{ proof: Uint8Array; headers: Map<number, Uint8Array> }> {
  const digest = sha256(body);
  const nonce = new Uint8Array(16).fill(7);
  const tip = sha256(concatBytes(digest, nonce));
  const time = Uint8Array.of(0x69, 0x26, 0x9a, 0x00);
  const tag = new Uint8Array(8).fill(9);
  const commitment = concatBytes(time, tip, tag);
  const block = mineBlock([commitment], 900_001, new Uint8Array(32), 1_795_000_000);
  const proof: DetachedTimestamp = {
    fileHashOp: 'sha256',
    digest,
    timestamp: {
      branches: [
        {
          op: { kind: 'append', arg: nonce },
          next: { branches: [{ op: { kind: 'sha256' }, next: { branches: [{ op: { kind: 'prepend', arg: time }, next: { branches: [{ op: { kind: 'append', arg: tag }, next: block.upgrades.get(toHex(commitment))! }] } }] } }] },
        },
      ],
    },
  };
  return Promise.resolve({ proof: serializeDetachedTimestamp(proof), headers: new Map([[block.height, block.header]]) });
}
