/**
 * The coverage report: per framework and control, the runbooks that evidence it and its status
 * class. HIPAA items carry a declared status (checked against the runbooks at load). Elsewhere a
 * declared status wins; otherwise a control with runbooks is `partial` (runbooks plus attestation —
 * a framework control is rarely met by host settings alone) and one without is `manual`. Grouping
 * rows (functions, categories, control families) summarise their descendants.
 */
import type { ControlDefinition } from '@custos/core/posture';
import type { Catalogue } from './catalogue.js';
import { FRAMEWORKS, type Control, type EvidenceStatus, type Framework } from './types.js';

export interface CoverageRow {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly parent?: string;
  readonly requirement?: 'required' | 'addressable';
  readonly status: EvidenceStatus;
  /** True when the status comes from the catalogue file rather than being derived. */
  readonly declared: boolean;
  /** Runbooks mapped to this control directly (grouping rows: to any descendant). */
  readonly runbooks: readonly string[];
  readonly how?: string;
  readonly manualTask?: string;
  readonly nprm2025?: string;
}

export interface FrameworkCoverage {
  readonly framework: Framework;
  readonly title: string;
  readonly edition: string;
  readonly rows: readonly CoverageRow[];
  /** Over the non-grouping rows only (standards, specifications, criteria, subcategories, controls, safeguards). */
  readonly totals: { readonly items: number; readonly automated: number; readonly partial: number; readonly manual: number; readonly withRunbooks: number };
}

const GROUPING_KINDS = new Set(['function', 'category', 'control-group']);

export function isGroupingRow(row: Pick<CoverageRow, 'kind'>): boolean {
  return GROUPING_KINDS.has(row.kind);
}

export function coverageReport(catalogue: Catalogue, frameworks: readonly Framework[] = FRAMEWORKS): FrameworkCoverage[] {
  const out: FrameworkCoverage[] = [];
  for (const fw of frameworks) {
    const cat = catalogue.controls.get(fw);
    if (!cat) continue;
    const direct = catalogue.controlIndex.get(fw) ?? new Map<string, readonly string[]>();
    const children = new Map<string, Control[]>();
    for (const c of cat.controls) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
    const descendantRunbooks = (id: string): string[] => [
      ...(direct.get(id) ?? []),
      ...(children.get(id) ?? []).flatMap((c) => descendantRunbooks(c.id)),
    ];

    const rows: CoverageRow[] = cat.controls.map((c) => {
      const grouping = GROUPING_KINDS.has(c.kind);
      const runbooks = [...new Set(grouping ? descendantRunbooks(c.id) : (direct.get(c.id) ?? []))].sort();
      const status: EvidenceStatus = c.evidence ?? (runbooks.length > 0 ? 'partial' : 'manual');
      return {
        id: c.id,
        title: c.title,
        kind: c.kind,
        ...(c.parent ? { parent: c.parent } : {}),
        ...(c.requirement ? { requirement: c.requirement } : {}),
        status,
        declared: c.evidence !== undefined,
        runbooks,
        ...(c.how ? { how: c.how } : {}),
        ...(c.manualTask ? { manualTask: c.manualTask } : {}),
        ...(c.nprm2025 ? { nprm2025: c.nprm2025 } : {}),
      };
    });
    const items = rows.filter((r) => !GROUPING_KINDS.has(r.kind));
    out.push({
      framework: fw,
      title: cat.title,
      edition: cat.edition,
      rows,
      totals: {
        items: items.length,
        automated: items.filter((r) => r.status === 'automated').length,
        partial: items.filter((r) => r.status === 'partial').length,
        manual: items.filter((r) => r.status === 'manual').length,
        withRunbooks: items.filter((r) => r.runbooks.length > 0).length,
      },
    });
  }
  return out;
}

// A control is met on the technical side when every runbook mapped to it or to anything below it
// passes: a HIPAA standard is evidenced through its implementation specifications.
function runbooksBelow(rows: readonly CoverageRow[]): Map<string, string[]> {
  const children = new Map<string, CoverageRow[]>();
  for (const r of rows) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  const below = (row: CoverageRow): string[] => [...row.runbooks, ...(children.get(row.id) ?? []).flatMap(below)];
  return new Map(rows.map((r) => [r.id, [...new Set(below(r))].sort()]));
}

/**
 * The controls posture is scored on (lib/core posture), per framework in catalogue order: every
 * non-grouping row with its coverage status as evidence class and the runbooks that evidence it or
 * anything below it. One list for the packet, the API and the dashboard.
 */
export function postureControls(catalogue: Catalogue, frameworks: readonly Framework[] = FRAMEWORKS): ControlDefinition[] {
  const out: ControlDefinition[] = [];
  for (const fw of coverageReport(catalogue, frameworks)) {
    const below = runbooksBelow(fw.rows);
    for (const r of fw.rows) if (!isGroupingRow(r)) out.push({ framework: fw.framework, id: r.id, title: r.title, evidence: r.status, runbooks: below.get(r.id) ?? [] });
  }
  return out;
}
