import { parseArgs } from 'node:util';
import { defineConfig } from '@custos/core/config';
import { MigrationFailed, KeyringError } from '@custos/db';
import { UsageError, type Command } from '../command.js';
import { runMigrations } from '../db/migrate.js';
import { rotateCredentials } from '../db/rotate.js';

const loadConfig = defineConfig(['env', 'databaseUrl', 'credentialKey', 'credentialPreviousKeys']);

export const dbCommand: Command = {
  name: 'db',
  summary: 'migrate the database (up, down, status) and rotate the credential key',
  usage: [
    'usage: custos db migrate [--down | --all-down]   apply pending migrations (or revert the last one / all)',
    '       custos db status                         list migrations and when each was applied',
    '       custos db rotate-credentials             re-seal stored secrets under CUSTOS_CREDENTIAL_KEY',
    '                                                (old keys in CUSTOS_CREDENTIAL_PREVIOUS_KEYS)',
  ].join('\n'),
  async run(argv) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { down: { type: 'boolean' }, 'all-down': { type: 'boolean' } } });
    const action = positionals[0];
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const config = loadConfig(process.env);
    try {
      switch (action) {
        case 'migrate':
          if (values.down && values['all-down']) throw new UsageError('choose one of --down and --all-down');
          await runMigrations(config.databaseUrl, values['all-down'] ? 'all-down' : values.down ? 'down' : 'up', console.log);
          return 0;
        case 'status':
          await runMigrations(config.databaseUrl, 'status', console.log);
          return 0;
        case 'rotate-credentials': {
          const r = await rotateCredentials(config);
          console.log(`re-sealed under ${r.keyId}: ${r.hostCredentials} host credentials, ${r.totpSeeds} TOTP seeds, ${r.oidcSecrets} OIDC client secrets`);
          return 0;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
      }
    } catch (err) {
      if (err instanceof MigrationFailed || err instanceof KeyringError) {
        console.error(`custos db: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
