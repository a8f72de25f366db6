/**
 * The appliance worker as its own process (`appliance-worker/src/main.ts`), configured like a site:
 * its site id, the Temporal address, the payload keys, a state dir for its journal, the lab's admin
 * API as its credential source and the fixture catalogue. Tests kill it with SIGKILL to simulate a
 * crash and start it again on the same state dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { vars } from '@custos/core/config';
import { FIXTURE_CATALOGUE_ROOT } from '../../../activities/test/fixtures/lab-handlers.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

export interface ApplianceProcess {
  child: ChildProcess;
  output: string[];
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export function spawnAppliance(opts: { siteId: string; temporalAddress: string; namespace: string; adminUrl: string; stateDir: string }): ApplianceProcess {
  const output: string[] = [];
  // tsx as a loader in this very process (not the tsx CLI, which runs a second node process that a
  // SIGKILL of its parent would leave running).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'appliance-worker/src/main.ts')], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CUSTOS_ENV: 'test',
      LOG_LEVEL: 'warn',
      CUSTOS_SITE_ID: opts.siteId,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_NAMESPACE: opts.namespace,
      CUSTOS_PAYLOAD_KEYS: vars.payloadKeys.devDefault,
      CUSTOS_APPLIANCE_LAB_ADMIN_URL: opts.adminUrl,
      CUSTOS_APPLIANCE_STATE_DIR: opts.stateDir,
      CUSTOS_RUNBOOKS_DIR: FIXTURE_CATALOGUE_ROOT,
      CUSTOS_WORKER_SHUTDOWN_GRACE_SECONDS: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout, child.stderr]) s?.on('data', (d: Buffer) => output.push(d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
