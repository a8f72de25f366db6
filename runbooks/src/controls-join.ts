/**
 * Joins runbooks with the control catalogues: every mapped id exists, and each HIPAA item's declared
 * evidence status matches what the runbooks actually provide — an item marked automated or partial
 * needs runbooks (on it or on one of its implementation specifications), and an item marked manual
 * may not have runbooks mapped to it (its status would understate the evidence).
 */
import type { LoadedControls } from './load-controls.js';
import type { ProblemList } from './problems.js';
import type { LoadedRunbook } from './runbook-checks.js';
import { FRAMEWORKS, type Framework, type Runbook } from './types.js';
import type { YamlSource } from './yaml-source.js';

/** framework → control id → ids of runbooks mapped directly to it. */
export type ControlIndex = ReadonlyMap<Framework, ReadonlyMap<string, readonly string[]>>;

/**
 * Checks that every control a runbook maps to exists. Frameworks whose catalogue file failed to load
 * are skipped: that file's own problems are already reported.
 */
export function checkMappedControls(
  source: YamlSource,
  runbook: Runbook,
  controls: ReadonlyMap<Framework, LoadedControls>,
  failedFrameworks: ReadonlySet<string>,
  problems: ProblemList,
): void {
  for (const fw of FRAMEWORKS) {
    const ids = runbook.controls[fw] ?? [];
    const known = controls.get(fw);
    if (ids.length === 0 || failedFrameworks.has(fw)) continue;
    if (!known) {
      source.problem(problems, ['controls', fw], `no control catalogue for ${fw} (expected controls/${fw}.yaml)`);
      continue;
    }
    ids.forEach((id, i) => {
      if (!known.byId.has(id)) source.problem(problems, ['controls', fw, i], `${fw} control "${id}" is not in controls/${fw}.yaml`);
    });
  }
}

/**
 * Indexes loaded runbooks by control and checks declared HIPAA statuses against them. The status
 * check runs only when every runbook loaded, since a missing runbook would make it misreport.
 */
export function joinControls(
  runbooks: readonly LoadedRunbook[],
  controls: ReadonlyMap<Framework, LoadedControls>,
  opts: { allRunbooksLoaded: boolean },
  problems: ProblemList,
): ControlIndex {
  const index = new Map<Framework, Map<string, string[]>>();
  for (const fw of FRAMEWORKS) index.set(fw, new Map());
  for (const { runbook } of runbooks) {
    for (const fw of FRAMEWORKS) {
      for (const id of runbook.controls[fw] ?? []) {
        const list = index.get(fw)!.get(id) ?? [];
        list.push(runbook.id);
        index.get(fw)!.set(id, list);
      }
    }
  }

  const hipaa = controls.get('hipaa');
  if (hipaa && opts.allRunbooksLoaded) {
    const direct = index.get('hipaa')!;
    const children = new Map<string, string[]>();
    for (const c of hipaa.catalogue.controls) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c.id]);
    const evidenced = (id: string): boolean => (direct.get(id)?.length ?? 0) > 0 || (children.get(id) ?? []).some(evidenced);
    hipaa.catalogue.controls.forEach((c, i) => {
      if ((c.evidence === 'automated' || c.evidence === 'partial') && !evidenced(c.id)) {
        hipaa.source.problem(problems, ['controls', i, 'evidence'], `${c.id} is marked ${c.evidence} but no runbook maps to it or to its specifications`);
      }
      if (c.evidence === 'manual' && (direct.get(c.id)?.length ?? 0) > 0) {
        hipaa.source.problem(problems, ['controls', i, 'evidence'], `${c.id} is marked manual but runbooks evidence it (${direct.get(c.id)!.join(', ')}); mark it partial or automated`);
      }
    });
  }
  return index;
}
