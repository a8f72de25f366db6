import { KitInputError, verifyKit } from '@custos/evidence';
import { directorySource, isDirectory, nodeVerifier } from '@custos/evidence/node';
import { UsageError } from '../command.js';
import type { Command } from '../command.js';
import { parseVerifyArgs } from '../verify/args.js';
import { progressBar } from '../verify/progress-bar.js';
import { formatReport } from '../verify/print-report.js';

const USAGE = `usage: custos verify <kit-dir> [--trust-root <key id>]... [--json] [--quiet]
  Verifies an auditor kit offline: trust documents, signed bundles, site logs and checkpoints,
  workflow histories, RFC 3161 and OpenTimestamps anchors, and the signed manifest.
  --trust-root  root key id you obtained out of band; the kit's first trust document must be signed by it
  --json        print the report as JSON
  --quiet       no progress on stderr
exit codes: 0 verified, 1 verification failure, 2 bad input (not a kit, bad arguments)`;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify an auditor kit offline (exit 0 ok, 1 failure, 2 bad input)',
  usage: USAGE,
  async run(argv) {
    const args = parseVerifyArgs(argv);
    if (!(await isDirectory(args.kitDir))) throw new UsageError(`${args.kitDir} is not a directory`);
    const bar = progressBar(process.stderr, !args.quiet);
    let report;
    try {
      report = await verifyKit(directorySource(args.kitDir), { verifier: nodeVerifier(), trustRoots: args.trustRoots, onProgress: bar.update });
    } catch (err) {
      bar.done();
      if (err instanceof KitInputError) {
        console.error(`custos verify: ${args.kitDir}: ${err.message}`);
        return 2;
      }
      throw err;
    }
    bar.done();
    console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.ok ? 0 : 1;
  },
};
