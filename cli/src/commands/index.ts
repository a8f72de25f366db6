import type { Command } from '../command.js';
import { stackCommand } from './stack.js';
import { startCommand } from './start.js';
import { configCommand } from './config.js';
import { labCommand } from './lab.js';
import { verifyCommand } from './verify.js';
import { dbCommand } from './db.js';
import { controlsCommand } from './controls.js';
import { evidenceCommand } from './evidence.js';
import { replayCommand } from './replay.js';
import { postureCommand } from './posture.js';

/** Every `custos` subcommand, in the order `custos --help` lists them. */
export const commands: readonly Command[] = [
  startCommand,
  stackCommand,
  configCommand,
  labCommand,
  verifyCommand,
  dbCommand,
  controlsCommand,
  evidenceCommand,
  replayCommand,
  postureCommand,
];
