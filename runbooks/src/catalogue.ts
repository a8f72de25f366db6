/**
 * Loads the whole catalogue — runbooks, L1 rules, control catalogues — or nothing. Every file is
 * validated and cross-checked; all problems from all files are collected and thrown together as a
 * CatalogueError, so a catalogue with one bad file is never half-loaded.
 */
import { fileURLToPath } from 'node:url';
import type { L1RuleSet } from '@custos/core';
import { judgeOutput, pickEvidence, type CheckOutcome } from './check-result.js';
import { checkMappedControls, joinControls, type ControlIndex } from './controls-join.js';
import { checkControlCatalogue, type LoadedControls } from './load-controls.js';
import { checkRuleFiles } from './load-rules.js';
import { ProblemList } from './problems.js';
import { checkRunbook, type LoadedRunbook } from './runbook-checks.js';
import { catalogueValidators, checkAgainstSchema } from './schemas.js';
import type { PhaseScript } from './scripts.js';
import type { ControlCatalogue, Framework, Phase, Runbook, RuleFileEntry } from './types.js';
import { readYamlFolder } from './yaml-files.js';

/** Folders holding runbooks, one per platform. */
const RUNBOOK_FOLDERS = ['windows'] as const;

/** The catalogue shipped in this package (runbooks/). */
export function defaultCatalogueRoot(): string {
  return fileURLToPath(new URL('..', import.meta.url));
}

export class Catalogue {
  readonly runbooks: readonly Runbook[];
  readonly rules: readonly RuleFileEntry[];
  readonly controls: ReadonlyMap<Framework, ControlCatalogue>;

  constructor(
    private readonly entries: ReadonlyMap<string, LoadedRunbook>,
    rules: readonly RuleFileEntry[],
    /** Enabled L1 rules, compiled and ordered for decideL1. */
    readonly ruleSet: L1RuleSet,
    controls: ReadonlyMap<Framework, LoadedControls>,
    /** framework → control id → runbook ids mapped to it. */
    readonly controlIndex: ControlIndex,
  ) {
    this.runbooks = Object.freeze([...entries.values()].map((e) => e.runbook));
    this.rules = Object.freeze([...rules]);
    this.controls = new Map([...controls].map(([fw, c]) => [fw, c.catalogue]));
  }

  /** The runbook with this id; with a version, only if that is the catalogue's version. */
  runbook(id: string, version?: number): Runbook | undefined {
    const r = this.entries.get(id)?.runbook;
    return r && (version === undefined || r.version === version) ? r : undefined;
  }

  private entry(id: string, version: number): LoadedRunbook {
    const e = this.entries.get(id);
    if (!e) throw new RangeError(`runbook ${id} is not in the catalogue`);
    if (e.runbook.version !== version) throw new RangeError(`runbook ${id} is at version ${e.runbook.version}, not ${version}`);
    return e;
  }

  /** The exact body sent for a phase and its SHA-256; undefined when the runbook has no such phase. */
  script(id: string, version: number, phase: Phase): PhaseScript | undefined {
    return this.entries.get(id)?.runbook.version === version ? this.entries.get(id)!.scripts.get(phase) : undefined;
  }

  /** File and line of a phase's `script:` key; script line n is file line `line + n`. */
  scriptLocation(id: string, phase: Phase): { file: string; line: number } {
    const e = this.entries.get(id);
    if (!e) throw new RangeError(`runbook ${id} is not in the catalogue`);
    const key = phase === 'verify' && !e.runbook.verify ? 'check' : phase;
    return { file: e.file, line: e.source.locate([key, 'script']).line };
  }

  /** Defaults overlaid with `given`, validated; throws ParamsError naming each bad parameter. */
  resolveParams(id: string, version: number, given: unknown, phase: Phase = 'check'): Record<string, unknown> {
    const e = this.entry(id, version);
    if (phase === 'rollback') {
      if (!e.rollbackParams) throw new RangeError(`runbook ${id} has no rollback`);
      return e.rollbackParams.resolve(given);
    }
    return e.params.resolve(given);
  }

  /** pass / fail / invalid for a check or verify output under the given (resolved) params. */
  judge(id: string, version: number, phase: 'check' | 'verify', output: unknown, params: Readonly<Record<string, unknown>>): CheckOutcome {
    return judgeOutput(this.entry(id, version), phase, output, params);
  }

  evidence(id: string, version: number, output: unknown): Record<string, unknown> {
    return pickEvidence(this.entry(id, version), output);
  }
}

export function loadCatalogue(opts: { root?: string } = {}): Catalogue {
  const root = opts.root ?? defaultCatalogueRoot();
  const problems = new ProblemList();

  const controls = new Map<Framework, LoadedControls>();
  const seenFrameworks = new Map<Framework, string>();
  const failedFrameworks = new Set<string>();
  for (const source of readYamlFolder(root, 'controls', problems, { required: true, onUnparsed: (name) => failedFrameworks.add(name.replace(/\.yaml$/, '')) })) {
    const loaded = checkControlCatalogue(source, problems, seenFrameworks);
    if (loaded) controls.set(loaded.catalogue.framework, loaded);
    else failedFrameworks.add(source.file.replace(/^controls\//, '').replace(/\.yaml$/, ''));
  }

  const runbooks = new Map<string, LoadedRunbook>();
  // Ids of every runbook file, loaded or not, so rules naming a broken runbook are not reported twice.
  const knownIds = new Map<string, string>();
  let allRunbooksLoaded = true;
  for (const folder of RUNBOOK_FOLDERS) {
    const onUnparsed = (name: string) => {
      allRunbooksLoaded = false;
      knownIds.set(name.replace(/\.yaml$/, ''), `${folder}/${name}`);
    };
    for (const source of readYamlFolder(root, folder, problems, { required: true, onUnparsed })) {
      const value = source.value as { id?: unknown } | null;
      const id = typeof value?.id === 'string' ? value.id : source.file.replace(/^.*\//, '').replace(/\.yaml$/, '');
      const earlier = knownIds.get(id);
      if (earlier) {
        source.problem(problems, ['id'], `duplicate runbook id ${id} (also in ${earlier})`);
        allRunbooksLoaded = false;
        continue;
      }
      knownIds.set(id, source.file);
      if (!checkAgainstSchema(source, catalogueValidators().runbook, source.value, problems)) {
        allRunbooksLoaded = false;
        continue;
      }
      const runbook = source.value as Runbook;
      checkMappedControls(source, runbook, controls, failedFrameworks, problems);
      const loaded = checkRunbook(source, runbook, problems);
      if (loaded) runbooks.set(runbook.id, loaded);
      else allRunbooksLoaded = false;
    }
  }

  const controlIndex = joinControls([...runbooks.values()], controls, { allRunbooksLoaded }, problems);
  const rules = checkRuleFiles(readYamlFolder(root, 'rules', problems, { required: true }), runbooks, new Set(knownIds.keys()), problems);

  problems.failIfAny();
  return new Catalogue(runbooks, rules!.entries, rules!.ruleSet, controls, controlIndex);
}
