/**
 * A problem found while loading the catalogue, located as precisely as the source allows. The
 * loader collects every problem from every file before failing, so one run shows all of them.
 */
export interface CatalogueProblem {
  /** Path relative to the catalogue root, e.g. `windows/RB-WIN-AV-001.yaml`. */
  readonly file: string;
  /** 1-based; 0 when the problem concerns the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** Dot path of the field at fault (`check.pass.all.0.param`), or '' for the whole file. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(p: CatalogueProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where} ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** The catalogue did not load; nothing from it is usable. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(`runbook catalogue has ${problems.length} problem(s):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
}

/** Collects problems; `fail()` throws them all at once. */
export class ProblemList {
  readonly items: CatalogueProblem[] = [];
  add(p: CatalogueProblem): void {
    this.items.push(p);
  }
  get size(): number {
    return this.items.length;
  }
  failIfAny(): void {
    if (this.items.length > 0) {
      const sorted = [...this.items].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
      throw new CatalogueError(sorted);
    }
  }
}
