import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this file holding the workspace package.json. */
export const repoRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'cli'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Custos repository root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

export interface StackPaths {
  root: string;
  venv: string;
  logs: string;
  pids: string;
  temporalDb: string;
  seaweedDir: string;
  postgresDir: string;
  stateFile: string;
}

export function stackPaths(stackDir: string): StackPaths {
  const root = path.resolve(repoRoot, stackDir);
  return {
    root,
    venv: path.join(root, 'venv'),
    logs: path.join(root, 'logs'),
    pids: path.join(root, 'pids'),
    temporalDb: path.join(root, 'temporal.db'),
    seaweedDir: path.join(root, 'seaweedfs'),
    postgresDir: path.join(root, 'postgres'),
    stateFile: path.join(root, 'stack.json'),
  };
}
