#!/usr/bin/env node
import { commands } from './commands/index.js';
import { loadCommand, UsageError } from './command.js';

async function printHelp(): Promise<void> {
  console.log('usage: custos <command> [options]\n\ncommands:');
  for (const entry of commands) {
    const c = await loadCommand(entry);
    console.log(`  ${c.name.padEnd(12)} ${c.summary}`);
  }
}

async function run(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    await printHelp();
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`custos: unknown command "${name}" (try custos --help)`);
    return 2;
  }
  const command = await loadCommand(entry);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`custos ${name}: ${err.message}\n${command.usage}`);
      return 2;
    }
    throw err;
  }
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
