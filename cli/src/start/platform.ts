import path from 'node:path';
import { repoRoot } from '../stack/index.js';
import type { StackEndpoints } from '../stack/index.js';
import { APPLIANCE_NODE_FLAGS } from '@custos/appliance-worker';
import type { ProcessSpec } from './supervisor.js';

/** The demo site the lab simulates (a site of the database); its appliance worker polls `site.<id>`. */
export { LAB_SITE_UUID as LAB_SITE_ID } from './lab-site.js';
import { LAB_HOSTS, LAB_SITE_UUID } from './lab-site.js';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

function tsProcess(name: string, entry: string, env: NodeJS.ProcessEnv, args: string[] = [], cwd = repoRoot): ProcessSpec {
  return { name, command: process.execPath, args: [tsx, path.join(repoRoot, entry), ...args], env, cwd };
}

/** The lab site's simulated Windows hosts (`custos lab serve`); started before the platform, which scans it. */
export function labProcess(stateDir: string, baseEnv: NodeJS.ProcessEnv): ProcessSpec {
  return { name: 'lab', command: process.execPath, args: [tsx, path.join(repoRoot, 'cli/src/main.ts'), 'lab', 'serve', '--hosts', String(LAB_HOSTS), '--state-dir', stateDir], env: baseEnv, cwd: repoRoot };
}

/**
 * Every process `npm start` runs, in start order, with the stack's effective endpoints in their env.
 * The appliance gateway is not among them: it needs a TLS certificate, and the lab appliance reaches
 * the local Temporal directly (see api/src/appliance-gateway for the production path).
 */
export function platformProcesses(endpoints: StackEndpoints, baseEnv: NodeJS.ProcessEnv, lab: { adminUrl: string }): ProcessSpec[] {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    TEMPORAL_ADDRESS: endpoints.temporal.address,
    TEMPORAL_NAMESPACE: endpoints.temporal.namespace,
    DATABASE_URL: endpoints.postgres.databaseUrl,
    S3_ENDPOINT: endpoints.s3.endpoint,
  };
  return [
    tsProcess('central-worker', 'workers/src/main.ts', env),
    // Development only: the lab's admin API stands in for Central's sealed credential delivery.
    {
      name: 'appliance:lab',
      command: process.execPath,
      // The appliance's own memory settings (APPLIANCE_NODE_FLAGS), with tsx as a loader so they apply to it.
      args: [...APPLIANCE_NODE_FLAGS, '--import', 'tsx', path.join(repoRoot, 'appliance-worker/src/main.ts')],
      env: { ...env, CUSTOS_SITE_ID: LAB_SITE_UUID, CUSTOS_APPLIANCE_LAB_ADMIN_URL: lab.adminUrl },
      cwd: repoRoot,
    },
    tsProcess('api', 'api/src/server.ts', env),
    // Vite's dev server, so a fresh clone needs no build step; `npm run -w web build` + web/server/main.ts serves the build.
    // It runs in web/, where SvelteKit finds its svelte.config.js.
    tsProcess('web', 'web/server/main.ts', { CUSTOS_RUNBOOKS_DIR: path.join(repoRoot, 'runbooks'), ...env }, ['--dev'], path.join(repoRoot, 'web')),
  ];
}
