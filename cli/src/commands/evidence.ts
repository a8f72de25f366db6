import { ConfigErrors, defineConfig } from '@custos/core/config';
import { ExportError, KeyNotTrusted } from '@custos/activities/evidence';
import { UsageError } from '../command.js';
import type { Command } from '../command.js';
import { parseExportArgs } from '../evidence/export-args.js';
import { EXPORT_CONFIG_KEYS, exportKit, NothingToExport } from '../evidence/export-kit.js';
import { stderrProgress } from '../evidence/progress.js';

const loadConfig = defineConfig(EXPORT_CONFIG_KEYS);

const USAGE = `usage: custos evidence export --client <client id> --from <date> --to <date> [--out <dir | file.zip>] [--quiet]
  Writes the auditor kit of one client: trust documents, every site's signed log from its start up to
  the checkpoint covering --to, envelopes, workflow histories (with the workflow code that ran them),
  the checkpoints signed in the period and the RFC 3161 / OpenTimestamps anchors that time them.
  Dates are YYYY-MM-DD (UTC; --to includes the whole day) or RFC 3339 times with a zone.
  Reads DATABASE_URL, S3_* and CUSTOS_EVIDENCE_* (the export key signs the manifest).
  Check the result with: custos verify <dir>
exit codes: 0 written, 1 nothing to export or the live system is inconsistent, 2 bad input`;

export const evidenceCommand: Command = {
  name: 'evidence',
  summary: 'export a client\'s auditor kit from the live evidence store',
  usage: USAGE,
  async run(argv) {
    const [action, ...rest] = argv;
    if (action !== 'export') throw new UsageError(action ? `unknown action "${action}"` : 'missing action (export)');
    const args = parseExportArgs(rest);
    let config;
    try {
      config = loadConfig(process.env);
    } catch (err) {
      if (!(err instanceof ConfigErrors)) throw err;
      for (const p of err.problems) console.error(`custos evidence: ${p.message}`);
      return 2;
    }
    try {
      const summary = await exportKit(config, args, stderrProgress('export', !args.quiet));
      console.log(`wrote ${summary.out}: ${summary.files} files, ${summary.bytes} bytes`);
      for (const s of summary.sites) console.log(`  site ${s.site}: ${s.entries} bundles`);
      console.log(`  anchor checkpoints: ${summary.anchorCheckpoints}`);
      return 0;
    } catch (err) {
      if (err instanceof NothingToExport || err instanceof ExportError || err instanceof KeyNotTrusted) {
        console.error(`custos evidence export: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
