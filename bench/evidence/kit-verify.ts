import { memorySource, verifyKit } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { buildScenarioKit, offlineOtsProof } from '../../lib/evidence/test/kit-scenario.js';
import { timed } from './measure.js';
import type { Row } from './measure.js';

/** Full verification of an in-memory kit: every signature, log, checkpoint, anchor and the manifest. */
export async function benchKitVerify(bundles: number): Promise<Row[]> {
  const build = await timed(() =>
    buildScenarioKit({
      sites: [{ tenant: 'tenant-0001', site: 'site-0001', bundles, checkpointEvery: 1000, historyEvery: 100 }],
      anchors: { ots: offlineOtsProof },
      controls: 24,
    }),
  );
  const files = build.result;
  let bytes = 0;
  for (const b of files.values()) bytes += b.length;
  const { ms, cpuMs, result } = await timed(() => verifyKit(memorySource(files), { verifier: nodeVerifier() }));
  if (!result.ok) throw new Error(`benchmark kit failed verification: ${JSON.stringify(result.failures.slice(0, 3))}`);
  if (result.sites[0]!.envelopesVerified !== bundles) throw new Error('not every bundle was verified');
  return [
    {
      name: `full kit verification (${bundles.toLocaleString('en-US')} bundles)`,
      value: cpuMs / 1000,
      wall: ms / 1000,
      unit: 's',
      detail: `${((bundles / cpuMs) * 1000).toFixed(0)} bundles/s, ${files.size.toLocaleString('en-US')} files, ${(bytes / 1024 / 1024).toFixed(0)} MiB; kit built in ${(build.cpuMs / 1000).toFixed(1)} s CPU`,
    },
  ];
}
