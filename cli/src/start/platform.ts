import path from 'node:path';
import { repoRoot } from '../stack/index.js';
import type { StackEndpoints } from '../stack/index.js';
import type { ProcessSpec } from './supervisor.js';

/** The demo site the lab simulates; its appliance worker polls `site.<id>`. */
export const LAB_SITE_ID = 'lab-clinic';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

function tsProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ProcessSpec {
  return { name, command: process.execPath, args: [tsx, path.join(repoRoot, entry)], env, cwd: repoRoot };
}

/** Every process `npm start` runs, in start order, with the stack's effective endpoints in their env. */
export function platformProcesses(endpoints: StackEndpoints, baseEnv: NodeJS.ProcessEnv): ProcessSpec[] {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    TEMPORAL_ADDRESS: endpoints.temporal.address,
    TEMPORAL_NAMESPACE: endpoints.temporal.namespace,
    DATABASE_URL: endpoints.postgres.databaseUrl,
    S3_ENDPOINT: endpoints.s3.endpoint,
  };
  return [
    tsProcess('central-worker', 'workers/src/main.ts', env),
    tsProcess('appliance:lab', 'appliance-worker/src/main.ts', { ...env, CUSTOS_SITE_ID: LAB_SITE_ID }),
  ];
}
