/**
 * Benchmark worker for our client: reads a BenchJob on stdin, runs every host's command sequence in one shell per
 * host (all hosts in parallel), checks every output, prints a BenchRun. A separate process so RSS is the client's.
 */
import { WinrmClient } from '@custos/winrm';
import { COMMANDS, WARMUP_COMMANDS, expectedStdout, type BenchJob, type BenchRun } from './workload.js';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BenchJob;
  const client = new WinrmClient({ globalConcurrency: 256, perHostConcurrency: 1 });
  let errors = 0;
  // Warm-up on the first host (V8 tiers up during the first hundreds of calls); not measured.
  const first = job.hosts[0] as BenchJob['hosts'][number];
  await client.withShell({ host: first.host, port: first.port, transport: 'ntlm-http', username: first.username, password: first.password }, async (shell) => {
    for (let i = 0; i < WARMUP_COMMANDS; i++) await shell.runCommand('hostname');
  });
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  try {
    await Promise.all(
      job.hosts.map((h) =>
        client.withShell({ host: h.host, port: h.port, transport: 'ntlm-http', username: h.username, password: h.password }, async (shell) => {
          for (let i = 0; i < job.commandsPerHost; i++) {
            const c = COMMANDS[i % COMMANDS.length] as (typeof COMMANDS)[number];
            const out = await shell.runCommand(c.command, c.args);
            if (out.exitCode !== 0 || out.stdout !== expectedStdout(i, h)) errors++;
          }
        }),
      ),
    );
  } finally {
    client.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const commands = job.hosts.length * job.commandsPerHost;
  const run: BenchRun = { client: 'custos', hosts: job.hosts.length, commands, seconds, commandsPerSecond: commands / seconds, maxRssKb: process.resourceUsage().maxRSS, cpuMsPerCommand: (cpu.user + cpu.system) / 1000 / commands, errors };
  process.stdout.write(JSON.stringify(run));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
