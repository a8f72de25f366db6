import { createRequire } from 'node:module';
import path from 'node:path';
import type { ControlDefinition } from '@custos/core/posture';
import type { Catalogue } from '@custos/runbooks';
import type { Framework } from '../models/compliance-score.js';
import { webConfig } from './config.js';

/** What the dashboard shows of a runbook (scripts stay server-side and out of page data). */
export interface RunbookView {
  id: string;
  version: number;
  title: string;
  description: string;
  category: string;
  severity: string;
  hostKinds: string[];
  disruptive: boolean;
  requiresApproval: boolean;
  alertOnly: boolean;
  maintenanceWindow: boolean;
  requiresReboot: boolean;
  params: { name: string; description: string; default: unknown }[];
  evidence: string[];
  controls: Partial<Record<Framework, string[]>>;
}

export interface ControlView {
  id: string;
  title: string;
  kind: string;
  requirement?: string;
  evidence?: string;
}

export interface FrameworkView {
  framework: Framework;
  title: string;
  edition: string;
  controls: ControlView[];
  /** Control id → runbooks mapped to it. */
  runbooksByControl: Record<string, string[]>;
}

/** Which controls each runbook maps to, per framework (from the catalogue). */
export type ControlMap = ReadonlyMap<string, Partial<Record<Framework, readonly string[]>>>;

export interface CatalogueView {
  runbooks: RunbookView[];
  byId: Map<string, RunbookView>;
  controlMap: ControlMap;
  frameworks: FrameworkView[];
  /** The controls posture is scored on, with the runbooks that evidence each (the packet's list). */
  postureControls: ControlDefinition[];
}

function view(c: Catalogue, postureControls: (c: Catalogue) => ControlDefinition[]): CatalogueView {
  const runbooks: RunbookView[] = c.runbooks.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    description: r.description,
    category: r.category,
    severity: r.severity,
    hostKinds: [...r.hostKinds],
    disruptive: r.disruptive,
    requiresApproval: r.requiresApproval,
    alertOnly: r.alertOnly,
    maintenanceWindow: r.maintenanceWindow,
    requiresReboot: r.requiresReboot,
    params: Object.entries(r.params).map(([name, p]) => ({ name, description: p.description, default: p.default })),
    evidence: [...r.evidence],
    controls: Object.fromEntries(Object.entries(r.controls).filter(([k]) => k !== 'cisBenchmark').map(([k, v]) => [k, [...(v as readonly string[])]])),
  }));
  const frameworks: FrameworkView[] = [...c.controls.entries()].map(([framework, cat]) => {
    const runbooksByControl: Record<string, string[]> = {};
    for (const r of runbooks) for (const id of r.controls[framework] ?? []) (runbooksByControl[id] ??= []).push(r.id);
    return {
      framework,
      title: cat.title,
      edition: cat.edition,
      controls: cat.controls.map((k) => ({ id: k.id, title: k.title, kind: k.kind, ...(k.requirement && { requirement: k.requirement }), ...(k.evidence && { evidence: k.evidence }) })),
      runbooksByControl,
    };
  });
  return { runbooks, byId: new Map(runbooks.map((r) => [r.id, r])), controlMap: new Map(runbooks.map((r) => [r.id, r.controls])), frameworks, postureControls: postureControls(c) };
}

/**
 * CUSTOS_RUNBOOKS_DIR (the catalogue central and appliances run), else the runbooks/ folder named
 * explicitly: the package finds its data relative to its own module URL, which inside the
 * dashboard's server bundle points into web/build instead.
 */
function catalogueRoot(): string {
  return webConfig().runbooksDir ?? path.resolve(path.dirname(createRequire(import.meta.url).resolve('@custos/runbooks')), '..');
}

let loaded: CatalogueView | undefined;
let failed: { at: number; error: Error } | undefined;
const RETRY_MS = 60_000;

/** The catalogue could not be loaded; pages that need it say so (503) instead of showing partial data. */
export class CatalogueUnavailable extends Error {
  override readonly name = 'CatalogueUnavailable';
}

/**
 * The runbook and control catalogue shipped in runbooks/, loaded and validated once per process
 * (several seconds: every script is parsed and linted), at server start from hooks.server.ts. A
 * catalogue with problems is never half-used: callers get CatalogueUnavailable with the loader's
 * message, and loading is retried at most once a minute.
 */
export async function catalogue(): Promise<CatalogueView> {
  if (loaded) return loaded;
  if (failed && Date.now() - failed.at < RETRY_MS) throw new CatalogueUnavailable(`the runbook catalogue did not load: ${failed.error.message}`);
  try {
    // Imported on first use, not at module load: the server build keeps this package external
    // (TypeScript under tsx), and SvelteKit's build-time analysis loads route modules in plain Node.
    const { loadCatalogue, postureControls } = await import('@custos/runbooks');
    loaded = view(loadCatalogue({ root: catalogueRoot() }), postureControls);
    failed = undefined;
    return loaded;
  } catch (err) {
    failed = { at: Date.now(), error: err as Error };
    throw new CatalogueUnavailable(`the runbook catalogue did not load: ${(err as Error).message}`);
  }
}
