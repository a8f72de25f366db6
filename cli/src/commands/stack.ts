import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command.js';
import { reportStackFailure, stackDown, stackStatus, stackUp, type ServiceStatus } from '../stack/index.js';

function printStatuses(statuses: ServiceStatus[]): void {
  for (const s of statuses) {
    const pid = s.pid ? ` pid ${s.pid}` : '';
    const detail = s.detail ? ` — ${s.detail}` : '';
    console.log(`${s.name.padEnd(9)} ${s.state.padEnd(8)} ${s.where}${pid}${detail}`);
  }
}

export const stackCommand: Command = {
  name: 'stack',
  summary: 'bring the local services (Temporal, PostgreSQL, SeaweedFS S3) up, down, or show their status',
  usage: 'usage: custos stack up [--local-postgres] | down | status',
  async run(argv) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { 'local-postgres': { type: 'boolean' } } });
    const action = positionals[0];
    try {
      switch (action) {
        case 'up': {
          const { statuses } = await stackUp({ forceLocalPostgres: values['local-postgres'], progress: (l) => console.error(`stack: ${l}`) });
          printStatuses(statuses);
          return 0;
        }
        case 'down': {
          const stopped = await stackDown();
          console.log(stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing of ours was running');
          return 0;
        }
        case 'status': {
          const statuses = await stackStatus();
          printStatuses(statuses);
          return statuses.every((s) => s.state !== 'stopped') ? 0 : 3;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
      }
    } catch (err) {
      const code = reportStackFailure(err, 'custos stack');
      if (code === undefined) throw err;
      return code;
    }
  },
};
