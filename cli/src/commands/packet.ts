import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPacket, CENTRAL_TASK_QUEUE } from '@custos/core';
import { ConfigErrors, defineConfig } from '@custos/core/config';
import { connectDatabase, getClient, listClients } from '@custos/db';
import { loadCatalogue } from '@custos/runbooks';
import { Client } from '@temporalio/client';
import { connectClient, dataConverterFromConfig, PAYLOAD_CODEC_CONFIG_KEYS, TEMPORAL_CONFIG_KEYS } from '@custos/runtime';
import { EVIDENCE_CONFIG_KEYS, evidenceServiceFromConfig, KeyNotTrusted, UnverifiedEvidence } from '@custos/activities/evidence';
import { ensurePacketSchedule, gatherPacketInput, packetCatalogue, packetFiles, partnerBranding, removePacketSchedule } from '@custos/activities/reports';
import type { Command } from '../command.js';
import { stderrProgress } from '../evidence/progress.js';
import { parsePacketArgs, type PacketArgs } from '../packet/args.js';

const loadGenerateConfig = defineConfig(['env', 'databaseUrl', 'runbooksDir', ...EVIDENCE_CONFIG_KEYS]);
const loadScheduleConfig = defineConfig(['env', 'databaseUrl', ...TEMPORAL_CONFIG_KEYS, ...PAYLOAD_CODEC_CONFIG_KEYS]);

const USAGE = `usage: custos packet generate --client <client id> --month <YYYY-MM> [--out <dir>]
       custos packet schedule (--client <client id>... | --all) [--remove]
  generate  builds a client's monthly compliance packet from verified evidence and writes its PDF and
            canonical JSON to --out (default: here). Nothing is recorded: the compliancePacket workflow
            (the client's Schedule, or on demand from the API) records and indexes packets; for the same
            evidence this command writes byte-identical files. Reads DATABASE_URL, S3_* and CUSTOS_EVIDENCE_*.
  schedule  creates or updates the Temporal Schedule that makes each client's packet on the 1st of the
            month at 02:00 UTC (--remove deletes it). Reads DATABASE_URL and TEMPORAL_*.
exit codes: 0 done, 1 evidence did not verify or a service refused, 2 bad input`;

function config<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigErrors)) throw err;
    for (const p of err.problems) console.error(`custos packet: ${p.message}`);
    return undefined;
  }
}

async function generate(args: Extract<PacketArgs, { action: 'generate' }>): Promise<number> {
  const cfg = config(() => loadGenerateConfig(process.env));
  if (!cfg) return 2;
  const db = connectDatabase(cfg.databaseUrl, { max: 4 });
  const progress = stderrProgress('packet', true);
  try {
    const client = await getClient(db, { kind: 'platform' }, args.clientId);
    const site = client && (await db.selectFrom('sites').select('id').where('client_id', '=', client.id).limit(1).executeTakeFirst());
    if (!client || !site) {
      console.error(`custos packet: client ${args.clientId} ${client ? 'has no site, so no evidence log' : 'does not exist'}`);
      return 2;
    }
    const catalogue = packetCatalogue(loadCatalogue(cfg.runbooksDir ? { root: cfg.runbooksDir } : {}));
    const service = evidenceServiceFromConfig(cfg, db);
    const { input } = await gatherPacketInput({ db, service, catalogue, progress: progress.update }, args.clientId, args.month);
    const packet = buildPacket(input);
    const files = await packetFiles(packet, await partnerBranding(db, client.partner_id));
    progress.done();
    mkdirSync(args.out, { recursive: true });
    const base = path.join(args.out, `compliance-packet-${args.month}-${args.clientId.slice(0, 8)}`);
    writeFileSync(`${base}.pdf`, files.pdf);
    writeFileSync(`${base}.json`, files.json);
    const hipaa = packet.posture.find((p) => p.framework === 'hipaa');
    console.log(`${base}.pdf  sha256 ${files.pdfSha256}`);
    console.log(`${base}.json sha256 ${files.jsonSha256}`);
    console.log(`${packet.client.name}, ${packet.period.label}: HIPAA ${hipaa?.score ?? 'n/a'}%, ${packet.findings.opened} findings opened, ${packet.evidenceTotals.bundlesThisPeriod} evidence records`);
    return 0;
  } catch (err) {
    progress.done();
    if (err instanceof UnverifiedEvidence || err instanceof KeyNotTrusted) {
      console.error(`custos packet: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await db.destroy();
  }
}

async function schedule(args: Extract<PacketArgs, { action: 'schedule' }>): Promise<number> {
  const cfg = config(() => loadScheduleConfig(process.env));
  if (!cfg) return 2;
  const db = connectDatabase(cfg.databaseUrl, { max: 2 });
  const connection = await connectClient(cfg);
  try {
    const temporal = new Client({ connection, namespace: cfg.temporalNamespace, dataConverter: dataConverterFromConfig(cfg), identity: 'custos-cli' });
    const ids = args.clientIds === 'all' ? (await listClients(db, { kind: 'platform' })).map((c) => c.id) : args.clientIds;
    for (const id of ids) {
      if (args.remove) console.log(`${id}: ${(await removePacketSchedule(temporal, id)) ? 'removed' : 'had no schedule'}`);
      else console.log(`${id}: ${await ensurePacketSchedule(temporal, id, CENTRAL_TASK_QUEUE)}`);
    }
    return 0;
  } finally {
    await connection.close();
    await db.destroy();
  }
}

export const packetCommand: Command = {
  name: 'packet',
  summary: 'generate a client\'s monthly compliance packet from evidence, or manage its Schedule',
  usage: USAGE,
  async run(argv) {
    const args = parsePacketArgs(argv);
    return args.action === 'generate' ? generate(args) : schedule(args);
  },
};
