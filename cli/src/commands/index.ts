import type { Command } from '../command.js';
import { stackCommand } from './stack.js';

/** Every `custos` subcommand, in the order `custos --help` lists them. */
export const commands: readonly Command[] = [
  stackCommand,
];
