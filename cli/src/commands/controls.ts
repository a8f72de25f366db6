import { CatalogueError, coverageReport, loadCatalogue } from '@custos/runbooks';
import type { Command } from '../command.js';
import { parseCoverageArgs } from '../controls/args.js';
import { formatCoverage } from '../controls/coverage-table.js';

const USAGE = `usage: custos controls coverage [--framework <name>]... [--json] [--details]
  Per control of each framework: the runbooks that evidence it and its status class
  (automated: runbooks alone; partial: runbooks plus an attestation; manual: a task for a person),
  with totals per framework.
  --framework  hipaa, soc2, nist-csf, nist-800-53 or cis (repeatable; default: all)
  --json       print the report as JSON
  --details    also print the task a person must do and the January 2025 HIPAA NPRM notes
exit codes: 0 ok, 1 the runbook catalogue does not load, 2 bad arguments`;

export const controlsCommand: Command = {
  name: 'controls',
  summary: 'control catalogues: coverage of HIPAA, SOC 2, NIST CSF, 800-53 and CIS by runbooks',
  usage: USAGE,
  async run(argv) {
    const args = parseCoverageArgs(argv);
    let catalogue;
    try {
      catalogue = loadCatalogue();
    } catch (err) {
      if (err instanceof CatalogueError) {
        console.error(`custos controls: ${err.message}`);
        return 1;
      }
      throw err;
    }
    const report = coverageReport(catalogue, args.frameworks);
    console.log(args.json ? JSON.stringify(report, null, 2) : formatCoverage(report, { details: args.details }));
    return 0;
  },
};
