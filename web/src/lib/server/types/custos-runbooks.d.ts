// Type view of @custos/runbooks for svelte-check only (svelte.config.js maps the name here; Vite
// still bundles the real package). The package's own sources type-check under NodeNext, as the rest
// of the repository does, but not under the bundler resolution SvelteKit uses (its Ajv import),
// so the dashboard declares the part it reads. web/test/catalogue-shape.test.ts keeps it honest.
declare module '@custos/runbooks' {
  import type { ControlDefinition } from '@custos/core/posture';
  export interface ParamSpec {
    readonly type: string;
    readonly description: string;
    readonly default: unknown;
  }
  export interface Runbook {
    readonly id: string;
    readonly version: number;
    readonly title: string;
    readonly description: string;
    readonly category: string;
    readonly severity: string;
    readonly hostKinds: readonly string[];
    readonly alertOnly: boolean;
    readonly disruptive: boolean;
    readonly requiresApproval: boolean;
    readonly maintenanceWindow: boolean;
    readonly requiresReboot: boolean;
    readonly params: Readonly<Record<string, ParamSpec>>;
    readonly evidence: readonly string[];
    readonly controls: Readonly<Record<string, readonly string[] | undefined>>;
  }
  export interface Control {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly requirement?: string;
    readonly evidence?: string;
  }
  export interface ControlCatalogue {
    readonly framework: string;
    readonly title: string;
    readonly edition: string;
    readonly controls: readonly Control[];
  }
  export interface Catalogue {
    readonly runbooks: readonly Runbook[];
    readonly controls: ReadonlyMap<'hipaa' | 'soc2' | 'nistCsf' | 'nist80053' | 'cisV8', ControlCatalogue>;
    runbook(id: string, version?: number): Runbook | undefined;
  }
  export function loadCatalogue(opts?: { root?: string }): Catalogue;
  /** The controls posture is scored on, per framework (the packet's list). */
  export function postureControls(catalogue: Catalogue): ControlDefinition[];
}
