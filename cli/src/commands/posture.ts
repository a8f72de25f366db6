import { ConfigErrors, defineConfig } from '@custos/core/config';
import { connectDatabase } from '@custos/db';
import { EVIDENCE_CONFIG_KEYS, evidenceServiceFromConfig, KeyNotTrusted } from '@custos/activities/evidence';
import type { Command } from '../command.js';
import { openKit } from '../evidence/kit-files.js';
import { stderrProgress } from '../evidence/progress.js';
import { parsePostureArgs } from '../posture/args.js';
import { kitBundles, liveBundles, UnverifiedEvidence } from '../posture/evidence-reader.js';
import { formatPosture } from '../posture/format.js';
import { reconstructPosture } from '../posture/reconstruct.js';
import type { VerifiedBundle } from '../posture/reconstruct.js';

const loadConfig = defineConfig(['env', 'databaseUrl', ...EVIDENCE_CONFIG_KEYS]);

const USAGE = `usage: custos posture --client <client id> --as-of <date> [--kit <dir | kit.zip>] [--json] [--quiet]
  Reconstructs a client's control posture at a past moment from signed evidence alone: the latest scan
  result per site, host and control finished by then, with verified heals and approvals recorded by
  then. Every bundle used is verified first (from the live store: digest, signature, log position; from
  a kit: the whole kit). Scoring per framework is not done here (see lib/core posture).
exit codes: 0 reconstructed, 1 evidence did not verify, 2 bad input`;

export const postureCommand: Command = {
  name: 'posture',
  summary: 'reconstruct a client\'s control posture at a date from evidence alone',
  usage: USAGE,
  async run(argv) {
    const args = parsePostureArgs(argv);
    const progress = stderrProgress('posture', !args.quiet);
    let bundles: VerifiedBundle[];
    try {
      if (args.kit) {
        const source = await openKit(args.kit);
        if (!source) {
          console.error(`custos posture: ${args.kit} is not a kit directory or .zip`);
          return 2;
        }
        const { bundles: fromKit, report } = await kitBundles(source, progress.update);
        if (!report.ok) {
          progress.done();
          console.error(`custos posture: ${args.kit} does not verify (${report.failures.length} failure(s)); run custos verify ${args.kit}`);
          return 1;
        }
        bundles = fromKit;
      } else {
        let config;
        try {
          config = loadConfig(process.env);
        } catch (err) {
          if (!(err instanceof ConfigErrors)) throw err;
          for (const p of err.problems) console.error(`custos posture: ${p.message}`);
          return 2;
        }
        const db = connectDatabase(config.databaseUrl, { max: 2 });
        try {
          bundles = await liveBundles(evidenceServiceFromConfig(config, db), args.clientId, args.asOf, progress.update);
        } finally {
          await db.destroy();
        }
      }
    } catch (err) {
      progress.done();
      if (err instanceof UnverifiedEvidence || err instanceof KeyNotTrusted) {
        console.error(`custos posture: ${err.message}`);
        return 1;
      }
      throw err;
    }
    progress.done();
    const posture = reconstructPosture(args.clientId, bundles, args.asOf);
    console.log(args.json ? JSON.stringify(posture, null, 2) : formatPosture(posture));
    return 0;
  },
};
