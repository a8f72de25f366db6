import { readFile } from 'node:fs/promises';
import { classifyPath, fromBase64, fromUtf8, parseCanonical, parseEnvelope, sha256, toHex, verifyKit } from '@custos/evidence';
import type { EvidenceStatement, KitReport, KitSource } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { historyFacts, HistoryFormatError } from '@custos/activities/evidence';
import { openKit } from '../evidence/kit-files.js';

/** One history to replay, with what the evidence says about the code that ran it. */
export interface HistoryToReplay {
  /** Where it came from, for the report (kit path or file). */
  readonly origin: string;
  readonly workflowType: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly history: unknown;
  /** Recorded workflow bundle SHA-256, if known. */
  readonly recordedSha256?: string;
  readonly buildId?: string;
}

export interface ReplayInput {
  readonly histories: readonly HistoryToReplay[];
  /** Workflow bundles shipped in the kit, by SHA-256 (content checked against the name). */
  readonly kitCode: ReadonlyMap<string, Uint8Array>;
  /** The kit's verification report (undefined for a bare history file). */
  readonly kit?: KitReport;
}

export class ReplayInputError extends Error {
  override readonly name = 'ReplayInputError';
}

/** A kit is verified first: only histories bound to signed, logged bundles are worth replaying. */
async function fromKit(source: KitSource, onProgress: (phase: string, done: number, total: number) => void): Promise<ReplayInput> {
  const report = await verifyKit(source, { verifier: nodeVerifier(), onProgress: (p) => onProgress(`verify ${p.phase}`, p.done, p.total) });
  if (!report.ok) return { histories: [], kitCode: new Map(), kit: report };
  const histories: HistoryToReplay[] = [];
  const kitCode = new Map<string, Uint8Array>();
  for (const path of (await source.list()).sort()) {
    const kind = classifyPath(path);
    if (kind.kind === 'artefact') {
      const m = /^raw\/workflow-code\/([0-9a-f]{64})\.js$/.exec(kind.name);
      const bytes = m ? await source.read(path) : undefined;
      if (m && bytes && toHex(sha256(bytes)) === m[1]) kitCode.set(m[1]!, bytes);
      continue;
    }
    if (kind.kind !== 'envelope') continue;
    const envelope = parseEnvelope(parseCanonical((await source.read(path))!).value);
    const statement = JSON.parse(fromUtf8(fromBase64(envelope.payload))) as EvidenceStatement;
    const section = statement.predicate.history;
    if (statement.predicate.kind !== 'history' || !section) continue;
    const subject = statement.subject.find((s) => s.name.startsWith('histories/'));
    const historyPath = subject && `sites/${kind.tenant}/${kind.site}/${subject.name}`;
    const bytes = historyPath ? await source.read(historyPath) : undefined;
    if (!bytes || !historyPath) throw new ReplayInputError(`${path}: its history file is not in the kit`);
    histories.push({
      origin: historyPath,
      workflowType: section.workflowType,
      workflowId: section.workflowId,
      runId: section.workflowRunId,
      history: JSON.parse(fromUtf8(bytes)),
      ...(section.workflowBundle.sha256 ? { recordedSha256: section.workflowBundle.sha256 } : {}),
      ...(section.workflowBundle.buildId ? { buildId: section.workflowBundle.buildId } : {}),
    });
  }
  return { histories, kitCode, kit: report };
}

/** A single history JSON (e.g. `temporal workflow show --output json`): the version comes from its build id. */
async function fromFile(file: string): Promise<ReplayInput> {
  let history: unknown;
  try {
    history = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ReplayInputError(`${file}: not a JSON file (${(err as Error).message})`);
  }
  let facts;
  try {
    facts = historyFacts(history);
  } catch (err) {
    if (err instanceof HistoryFormatError) throw new ReplayInputError(`${file}: ${err.message}`);
    throw err;
  }
  const started = ((history as { events: { workflowExecutionStartedEventAttributes?: { originalExecutionRunId?: string } }[] }).events[0]?.workflowExecutionStartedEventAttributes ?? {}) as {
    originalExecutionRunId?: string;
  };
  return {
    histories: [
      {
        origin: file,
        workflowType: facts.workflowType,
        workflowId: file,
        runId: started.originalExecutionRunId ?? 'unknown',
        history,
        ...(facts.bundleSha256 ? { recordedSha256: facts.bundleSha256 } : {}),
        ...(facts.buildId ? { buildId: facts.buildId } : {}),
      },
    ],
    kitCode: new Map(),
  };
}

export async function loadReplayInput(input: string, onProgress: (phase: string, done: number, total: number) => void): Promise<ReplayInput> {
  const kit = await openKit(input).catch((err: Error) => {
    throw new ReplayInputError(err.message);
  });
  if (kit) return fromKit(kit, onProgress);
  if (input.toLowerCase().endsWith('.json')) return fromFile(input);
  throw new ReplayInputError(`${input} is neither an auditor kit (directory or .zip) nor a history .json file`);
}
