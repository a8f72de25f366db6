/**
 * Control catalogues (runbooks/controls/<framework>.yaml). Every HIPAA item must say whether it is
 * required or addressable and how Custos evidences it; the join with runbooks is checked in
 * catalogue.ts, which sees both.
 */
import type { ProblemList } from './problems.js';
import { catalogueValidators, checkAgainstSchema } from './schemas.js';
import type { Control, ControlCatalogue, Framework } from './types.js';
import type { YamlSource } from './yaml-source.js';

export interface LoadedControls {
  readonly catalogue: ControlCatalogue;
  readonly source: YamlSource;
  readonly byId: ReadonlyMap<string, { control: Control; index: number }>;
}

export function checkControlCatalogue(source: YamlSource, problems: ProblemList, seenFrameworks: Map<Framework, string>): LoadedControls | undefined {
  if (!checkAgainstSchema(source, catalogueValidators().controls, source.value, problems)) return undefined;
  const before = problems.size;
  const catalogue = source.value as ControlCatalogue;
  const expected = `controls/${catalogue.framework}.yaml`;
  if (source.file !== expected) source.problem(problems, ['framework'], `framework ${catalogue.framework} belongs in ${expected}`);
  const earlier = seenFrameworks.get(catalogue.framework);
  if (earlier) source.problem(problems, ['framework'], `framework ${catalogue.framework} is already defined in ${earlier}`);
  seenFrameworks.set(catalogue.framework, source.file);

  const byId = new Map<string, { control: Control; index: number }>();
  catalogue.controls.forEach((control, index) => {
    const at = (field: string, message: string) => source.problem(problems, ['controls', index, field], message);
    if (byId.has(control.id)) at('id', `duplicate control id "${control.id}"`);
    else byId.set(control.id, { control, index });
    if (catalogue.framework === 'hipaa') {
      if (!control.requirement) at('requirement', 'every HIPAA item states required or addressable');
      if (!control.evidence) at('evidence', 'every HIPAA item states how it is evidenced: automated, partial or manual');
      if (!control.how) at('how', 'every HIPAA item says how it is evidenced');
    }
    if ((control.evidence === 'partial' || control.evidence === 'manual') && !control.manualTask) {
      at('manualTask', `a ${control.evidence} item names the task a person must do or attest`);
    }
  });
  catalogue.controls.forEach((control, index) => {
    if (control.parent !== undefined && !byId.has(control.parent)) {
      source.problem(problems, ['controls', index, 'parent'], `parent "${control.parent}" is not in this catalogue`);
    }
  });
  return problems.size > before ? undefined : { catalogue, source, byId };
}
