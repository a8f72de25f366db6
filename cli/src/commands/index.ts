import type { CommandEntry } from '../command.js';

/** Every `custos` subcommand, in the order `custos --help` lists them; each module loads only when used. */
export const commands: readonly CommandEntry[] = [
  { name: 'start', load: async () => (await import('./start.js')).startCommand },
  { name: 'stack', load: async () => (await import('./stack.js')).stackCommand },
  { name: 'config', load: async () => (await import('./config.js')).configCommand },
  { name: 'lab', load: async () => (await import('./lab.js')).labCommand },
  { name: 'verify', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'db', load: async () => (await import('./db.js')).dbCommand },
  { name: 'controls', load: async () => (await import('./controls.js')).controlsCommand },
  { name: 'evidence', load: async () => (await import('./evidence.js')).evidenceCommand },
  { name: 'replay', load: async () => (await import('./replay.js')).replayCommand },
  { name: 'posture', load: async () => (await import('./posture.js')).postureCommand },
  { name: 'packet', load: async () => (await import('./packet.js')).packetCommand },
];
