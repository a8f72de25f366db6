import { buildKit } from '@custos/evidence';
import { connectDatabase } from '@custos/db';
import type { ConfigOf } from '@custos/core/config';
import { assertKeyTrusted, collectKitInput, EVIDENCE_CONFIG_KEYS, evidenceServiceFromConfig, publishedTrust } from '@custos/activities/evidence';
import type { ExportArgs } from './export-args.js';
import { isEmptyOrMissing, writeKit } from './kit-files.js';
import type { ProgressReporter } from './progress.js';

export const EXPORT_CONFIG_KEYS = ['env', 'databaseUrl', ...EVIDENCE_CONFIG_KEYS] as const;
export type ExportConfig = ConfigOf<(typeof EXPORT_CONFIG_KEYS)[number]>;

export interface ExportSummary {
  readonly out: string;
  readonly files: number;
  readonly bytes: number;
  readonly sites: readonly { site: string; entries: number }[];
  readonly anchorCheckpoints: number;
}

/** Client has nothing to export, or the output is in the way: exit 1 with the message. */
export class NothingToExport extends Error {
  override readonly name = 'NothingToExport';
}

/**
 * `custos evidence export`: reads a client's evidence from the live system (index in PostgreSQL,
 * objects in the Object Lock bucket by recorded version, histories stored as evidence) and writes the
 * auditor kit (lib/evidence/KIT.md), signing its manifest with the export key.
 */
export async function exportKit(config: ExportConfig, args: ExportArgs, progress: ProgressReporter): Promise<ExportSummary> {
  if (!args.out.toLowerCase().endsWith('.zip') && !(await isEmptyOrMissing(args.out))) throw new NothingToExport(`${args.out} exists and is not an empty directory`);
  const db = connectDatabase(config.databaseUrl, { max: 4 });
  try {
    const service = evidenceServiceFromConfig(config, db);
    const { current } = await publishedTrust(service.db);
    assertKeyTrusted(current, 'export', service.keys.export);
    const client = await service.db.selectFrom('clients').select('id').where('id', '=', args.clientId).executeTakeFirst();
    if (!client) throw new NothingToExport(`client ${args.clientId} does not exist`);
    const input = await collectKitInput(service, { clientId: args.clientId, from: args.from, to: args.to }, { createdAt: new Date(), onProgress: progress.update });
    if (input.sites.length === 0) throw new NothingToExport(`client ${args.clientId} has no evidence recorded up to ${args.to.toISOString()}`);
    progress.update('writing the kit', 0, 1);
    const files = buildKit({ ...input, exportSigners: [service.keys.export] });
    await writeKit(args.out, files);
    progress.update('writing the kit', 1, 1);
    return {
      out: args.out,
      files: files.size,
      bytes: [...files.values()].reduce((n, b) => n + b.length, 0),
      sites: input.sites.map((s) => ({ site: s.site, entries: s.envelopes.length })),
      anchorCheckpoints: input.anchors?.checkpoints.length ?? 0,
    };
  } finally {
    progress.done();
    await db.destroy();
  }
}
