import type { Command } from '../command.js';

/** Every `custos` subcommand, in the order `custos --help` lists them. */
export const commands: readonly Command[] = [];
