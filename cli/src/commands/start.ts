import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { defineConfig } from '@custos/core/config';
import { dataConverterFromConfig } from '@custos/runtime';
import type { Command } from '../command.js';
import { reportStackFailure, stackStatus, stackUp, stackDown, type StackEndpoints } from '../stack/index.js';
import { Supervisor } from '../start/supervisor.js';
import { LAB_SITE_ID, labProcess, platformProcesses } from '../start/platform.js';
import { demoLoginsFile, labStateDir, recordLabTenant, scheduleLabScans, waitForLab, type LabTenant } from '../start/lab-site.js';
import { waitForHttp } from '../start/wait-http.js';
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
    const stackRoot = stackPaths(stackContext().config.stackDir).root;
    const labDir = labStateDir(stackRoot);
    const web = defineConfig(['bindHost', 'apiPort', 'webPort', 'apiPublicUrl', 'webPublicUrl'])(process.env);
    const apiUrl = `http://${web.bindHost}:${web.apiPort}`;
    const webUrl = web.webPublicUrl?.origin ?? `http://${web.bindHost}:${web.webPort}`;
    supervisor.start(labProcess(labDir, process.env));
    let tenant: LabTenant | undefined;
    const startup = new AbortController();
    waitForLab(labDir)
      .then(async (lab) => {
        tenant = await recordLabTenant(endpoints, lab.hosts, demoLoginsFile(stackRoot));
        for (const spec of platformProcesses(endpoints, process.env, lab)) supervisor.start(spec);
        const alive = await proveAlive(endpoints);
        await scheduleLabScans(endpoints, tenant.clientId);
        await waitForHttp(`${apiUrl}/openapi.json`, 'the API', startup.signal);
        // The dev server compiles the sign-in page on this first request.
        await waitForHttp(`${webUrl}/sign-in`, 'the dashboard', startup.signal);
        return alive;
      })
      .then(
      ({ runs }) => {
        console.log('\nCustos is running.');
        console.log(`  Dashboard       ${webUrl}`);
        console.log(`  API             ${apiUrl} (OpenAPI ${apiUrl}/openapi.json, docs ${apiUrl}/docs)`);
        console.log(`  Temporal        ${endpoints.temporal.address} (namespace ${endpoints.temporal.namespace})`);
        console.log(`  PostgreSQL      ${new URL(endpoints.postgres.databaseUrl).host}`);
        console.log(`  S3 evidence     ${endpoints.s3.endpoint} (bucket ${endpoints.s3.bucket})`);
        console.log(`  Lab site        ${LAB_SITE_ID} (appliance polling site.${LAB_SITE_ID})`);
        console.log(`  Proof of life   pingSite reached the lab appliance; ${runs} pingSite run(s) recorded so far`);
        console.log(`  Lab scans       Schedules scan-servers:… every 15 min (the first now), scan-workstations:… hourly, discover:… hourly`);
        console.log(`  Packets         compliance-packet:${tenant!.clientId} runs on the 1st of each month (or: npm run custos -- packet --help)`);
        console.log('\nSign in (the first sign-in of each asks you to enrol an authenticator app):');
        for (const l of tenant!.logins) console.log(`  ${l.role.padEnd(14)}  ${l.email.padEnd(26)}  ${l.password}`);
        console.log(`  (passwords kept in ${demoLoginsFile(stackRoot)})`);
        console.log('Press Ctrl-C to stop.\n');
      },
      (err: unknown) => {
        if (startup.signal.aborted) return; // stopped while starting: not a failure
        console.error(`custos start: the platform did not come up (lab, database, pingSite, API or dashboard): ${String(err)}`);
        finished(1);
      },
    );

    const code = await done;
    startup.abort();
    console.error('custos start: stopping platform processes');
    await supervisor.stopAll();
    if (!values['keep-stack']) {
      const stopped = await stackDown({ only: (name) => !wasRunning.has(name) });
      if (stopped.length) console.error(`custos start: stopped ${stopped.join(', ')}`);
    }
    return code;
  },
};
