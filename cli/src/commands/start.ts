import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { defineConfig } from '@custos/core/config';
import { dataConverterFromConfig } from '@custos/runtime';
import type { Command } from '../command.js';
import { reportStackFailure, stackStatus, stackUp, stackDown, type StackEndpoints } from '../stack/index.js';
import { Supervisor } from '../start/supervisor.js';
import { LAB_SITE_ID, labProcess, platformProcesses } from '../start/platform.js';
import { labStateDir, recordLabTenant, scheduleLabScans, waitForLab } from '../start/lab-site.js';
import { stackContext, stackPaths } from '../stack/index.js';

/** Runs pingSite through the fresh platform and counts the runs the namespace remembers. */
async function proveAlive(endpoints: StackEndpoints): Promise<{ runs: number }> {
  const connection = await Connection.connect({ address: endpoints.temporal.address });
  try {
    // Same payload keys as the platform processes it started (they read the same environment).
    const dataConverter = dataConverterFromConfig(defineConfig(['payloadKeys'])(process.env));
    const client = new Client({ connection, namespace: endpoints.temporal.namespace, identity: 'custos-start', dataConverter });
    await client.workflow.execute('pingSite', {
      taskQueue: 'central',
      workflowId: `ping-site:${LAB_SITE_ID}:${new Date().toISOString()}`,
      args: [LAB_SITE_ID],
      workflowExecutionTimeout: '2 minutes',
    });
    const { count } = await client.workflow.count(`WorkflowType = 'pingSite'`);
    return { runs: count };
  } finally {
    await connection.close();
  }
}

export const startCommand: Command = {
  name: 'start',
  summary: 'bring the stack up and run the whole platform in the foreground (Ctrl-C stops it)',
  usage: 'usage: custos start [--keep-stack]   (--keep-stack leaves the services running after Ctrl-C)',
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { 'keep-stack': { type: 'boolean' } } });
    const before = await stackStatus().catch(() => []);
    const wasRunning = new Set(before.filter((s) => s.pid !== undefined).map((s) => s.name));
    let endpoints: StackEndpoints;
    try {
      ({ endpoints } = await stackUp({ progress: (l) => console.error(`stack: ${l}`) }));
    } catch (err) {
      const code = reportStackFailure(err, 'custos start');
      if (code === undefined) throw err;
      return code;
    }

    let finished: (code: number) => void = () => undefined;
    const done = new Promise<number>((resolve) => (finished = resolve));
    const supervisor = new Supervisor((name, code) => {
      console.error(`custos start: ${name} exited unexpectedly (code ${code}); stopping everything`);
      finished(1);
    });
    // The same Ctrl-C can arrive more than once (from the terminal and relayed by npm/tsx): every
    // delivery after the first is ignored; stopping has its own time limits.
    const shutdown = () => {
      supervisor.expectExits();
      finished(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);

    // The lab first: the platform records its hosts as the lab site's inventory, then scans them.
    const labDir = labStateDir(stackPaths(stackContext().config.stackDir).root);
    supervisor.start(labProcess(labDir, process.env));
    let schedule = '';
    waitForLab(labDir)
      .then(async (lab) => {
        await recordLabTenant(endpoints, lab.hosts);
        for (const spec of platformProcesses(endpoints, process.env, lab)) supervisor.start(spec);
        const alive = await proveAlive(endpoints);
        schedule = await scheduleLabScans(endpoints);
        return alive;
      })
      .then(
      ({ runs }) => {
        console.log('\nCustos is running.');
        console.log(`  Temporal        ${endpoints.temporal.address} (namespace ${endpoints.temporal.namespace})`);
        console.log(`  PostgreSQL      ${new URL(endpoints.postgres.databaseUrl).host}`);
        console.log(`  S3 evidence     ${endpoints.s3.endpoint} (bucket ${endpoints.s3.bucket})`);
        console.log(`  Lab site        ${LAB_SITE_ID} (appliance polling site.${LAB_SITE_ID})`);
        console.log(`  Proof of life   pingSite reached the lab appliance; ${runs} pingSite run(s) recorded so far`);
        console.log(`  Lab scans       site entity site:${LAB_SITE_ID} ${schedule}: Schedules scan servers every 15 min, workstations hourly`);
        console.log('Press Ctrl-C to stop.\n');
      },
      (err: unknown) => {
        console.error(`custos start: the platform did not come up (lab, database or pingSite): ${String(err)}`);
        finished(1);
      },
    );

    const code = await done;
    console.error('custos start: stopping platform processes');
    await supervisor.stopAll();
    if (!values['keep-stack']) {
      const stopped = await stackDown({ only: (name) => !wasRunning.has(name) });
      if (stopped.length) console.error(`custos start: stopped ${stopped.join(', ')}`);
    }
    return code;
  },
};
