#!/usr/bin/env node
import { commands } from './commands/index.js';
import { UsageError } from './command.js';

function printHelp(): void {
  console.log('usage: custos <command> [options]\n\ncommands:');
  for (const c of commands) console.log(`  ${c.name.padEnd(12)} ${c.summary}`);
}

async function run(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    printHelp();
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`custos: unknown command "${name}" (try custos --help)`);
    return 2;
  }
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
