import { createRequire } from 'node:module';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigErrors, defineConfig } from '@custos/core/config';
import { dataConverterFromConfig } from '@custos/runtime';
import type { Command } from '../command.js';
import { stderrProgress } from '../evidence/progress.js';
import { parseReplayArgs } from '../replay/args.js';
import { CodeShelf } from '../replay/code.js';
import { formatReplayReport } from '../replay/report.js';
import { replayAll } from '../replay/run-replay.js';
import { loadReplayInput, ReplayInputError } from '../replay/sources.js';

const loadConfig = defineConfig(['env', 'payloadKeys']);

const USAGE = `usage: custos replay <kit dir | kit.zip | history.json> [--code <bundle.js> | --workflows <src/index.ts>] [--ignore-version] [--json] [--quiet]
  Replays workflow histories against the workflow code of the version they recorded and reports any
  non-determinism. A kit is verified first; its histories name the workflow bundle (SHA-256) that ran
  them, and the kit ships that bundle when the producing worker had it. Otherwise --code gives a bundle
  file, or the workflow source (--workflows, default this checkout) is bundled and its hash compared.
  Payloads are decrypted with CUSTOS_PAYLOAD_KEYS (the key ids are in each payload's metadata).
  --ignore-version  replay against the given code even if it is not the recorded version
exit codes: 0 all replayed, 1 non-determinism, failure, version mismatch or a kit that does not verify, 2 bad input`;

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay recorded workflow histories against the workflow code they ran on',
  usage: USAGE,
  async run(argv) {
    const args = parseReplayArgs(argv);
    let dataConverter;
    try {
      dataConverter = dataConverterFromConfig(loadConfig(process.env));
    } catch (err) {
      if (!(err instanceof ConfigErrors)) throw err;
      for (const p of err.problems) console.error(`custos replay: ${p.message}`);
      return 2;
    }
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const progress = stderrProgress('replay', !args.quiet);
    try {
      const input = await loadReplayInput(args.input, progress.update);
      if (input.kit && !input.kit.ok) {
        progress.done();
        console.error(`custos replay: ${args.input} does not verify (${input.kit.failures.length} failure(s)); run custos verify ${args.input} for details`);
        for (const f of input.kit.failures.slice(0, 5)) console.error(`  ${f.object}: ${f.code}: ${f.reason}`);
        return 1;
      }
      if (input.histories.length === 0) {
        progress.done();
        console.error(`custos replay: ${args.input} holds no workflow histories`);
        return 1;
      }
      const workflowsSource = createRequire(import.meta.url).resolve('@custos/workflows');
      const outcomes = await replayAll(input.histories, new CodeShelf(args, input.kitCode, workflowsSource), {
        dataConverter,
        ignoreVersion: args.ignoreVersion,
        onProgress: (done, total) => progress.update('replaying histories', done, total),
      });
      progress.done();
      console.log(args.json ? JSON.stringify(outcomes, null, 2) : formatReplayReport(outcomes));
      return outcomes.every((o) => o.verdict === 'replayed') ? 0 : 1;
    } catch (err) {
      progress.done();
      if (err instanceof ReplayInputError) {
        console.error(`custos replay: ${err.message}`);
        return 2;
      }
      throw err;
    }
  },
};
