import type { Kysely } from 'kysely';
import { fromBase64, fromUtf8 } from '@custos/evidence';
import type { DsseEnvelope } from '@custos/evidence';
import type { PacketInput } from '@custos/core';
import type { Database } from '@custos/db';
import { publishedTrust } from '../../evidence/keys/trust-registry.js';
import { liveBundles, type ReadProgress } from '../../evidence/read/verified-bundles.js';
import type { EvidenceService } from '../../evidence/service/evidence-service.js';
import type { PacketCatalogue } from '../catalogue/packet-catalogue.js';
import { siteLogManifest } from '../evidence/evidence-manifest.js';
import { evidenceFacts } from '../evidence/evidence-facts.js';
import { approvalRecords } from './approval-records.js';
import { readClientDecisions } from './client-decisions-reader.js';
import { clientEvidenceSite, clientScope } from './client-scope.js';
import { decidingObservations } from './deciding-observations.js';
import { packetPeriod } from './packet-period.js';

export interface GatherDeps {
  db: Kysely<Database>;
  service: EvidenceService;
  catalogue: PacketCatalogue;
  progress?: ReadProgress;
}

export interface GatheredPacket {
  input: PacketInput;
  /** The site log the packet itself is recorded in. */
  evidenceSiteId: string;
}

const ROLE_KIND = { domain_controller: 'domain_controller', server: 'server', workstation: 'workstation' } as const;

/** Every instant the packet scores posture at: last month's end, each day's end, this month's end. */
function postureInstants(period: { from: string; to: string }): string[] {
  const instants = [period.from];
  for (let t = Date.parse(period.from) + 86_400_000; t <= Date.parse(period.to); t += 86_400_000) instants.push(new Date(t).toISOString());
  return instants;
}

/** Root key ids of the first trust document: what an auditor pins with `custos verify --trust-root`. */
function trustRoots(chain: readonly DsseEnvelope[]): string[] {
  const first = JSON.parse(fromUtf8(fromBase64(chain[0]!.payload))) as { keys: { role: string; id: string }[] };
  return first.keys.filter((k) => k.role === 'root').map((k) => k.id);
}

/**
 * Everything one client's packet for `month` may say, from evidence: observations, incidents, heals
 * and approvals from verified bundles finished by the month's end; attestations and risk acceptances
 * from verified decision documents; the evidence manifest from signed checkpoints and anchors. The
 * database supplies names only (client, partner, sites, hosts, approvers) and, by plan hash, approval
 * reasons. Nothing here reads the clock, so the same evidence gives the same input.
 */
export async function gatherPacketInput(deps: GatherDeps, clientId: string, month: string): Promise<GatheredPacket> {
  const period = packetPeriod(month);
  const to = new Date(period.to);
  const { scope, client } = await clientScope(deps.db, clientId);
  const evidenceSiteId = await clientEvidenceSite(deps.db, scope, client.id);
  const partner = await deps.db.selectFrom('partners').select('name').where('id', '=', client.partner_id).executeTakeFirstOrThrow();

  // The inventory as it stood at the period's end: sites and hosts added later are not in this packet.
  const sites = await deps.db.selectFrom('sites').select(['id', 'name']).where('client_id', '=', client.id).where('created_at', '<', to).orderBy('name').orderBy('id').execute();
  const hosts = await deps.db
    .selectFrom('hosts')
    .select(['id', 'site_id', 'hostname', 'role'])
    .where('client_id', '=', client.id)
    .where('created_at', '<', to)
    .orderBy('hostname')
    .orderBy('id')
    .execute();

  const bundles = await liveBundles(deps.service, client.id, to, { kinds: ['scan', 'heal', 'approval'], ...(deps.progress ? { progress: deps.progress } : {}) });
  const kinds = new Map(hosts.map((h) => [h.id, h.role as string]));
  const facts = evidenceFacts(bundles, deps.catalogue, (id) => kinds.get(id));
  const decisions = await readClientDecisions(deps.service, bundles);
  const { current, chain } = await publishedTrust(deps.service.db);
  const evidence = [];
  for (const s of sites) evidence.push(await siteLogManifest(deps.service.db, current, s.id, { from: new Date(period.from), to }));

  const hostList = hosts.map((h) => ({ id: h.id, kind: ROLE_KIND[h.role] }));
  const input: PacketInput = {
    packetId: `packet-${client.id}-${month}`,
    client: { id: client.id, name: client.name },
    // Colours and logo are applied at rendering; the packet content names the partner only.
    branding: { partnerName: partner.name, primaryColor: '#1f3a5f', accentColor: '#e69138' },
    period: { from: period.from, to: period.to, label: period.label },
    previousPeriodEnd: period.from,
    sites: sites.map((s) => ({
      id: s.id,
      name: s.name,
      hosts: hosts.filter((h) => h.site_id === s.id).map((h) => ({ id: h.id, name: h.hostname, kind: ROLE_KIND[h.role] })),
    })),
    frameworks: deps.catalogue.frameworks,
    controls: deps.catalogue.controls,
    hipaaItems: deps.catalogue.hipaaItems,
    observations: decidingObservations([...deps.catalogue.notApplicable(hostList), ...facts.observations], postureInstants(period)),
    attestations: decisions.attestations,
    incidents: facts.incidents,
    approvals: await approvalRecords(deps.db, scope, facts.decisions, period),
    // In force at some time during the period.
    exceptions: decisions.exceptions.filter((e) => e.acceptedAt < period.to && (e.expiresAt === undefined || e.expiresAt > period.from)),
    topics: deps.catalogue.topics,
    evidence,
    verifyCommand: `custos verify <kit folder> ${trustRoots(chain).map((id) => `--trust-root ${id}`).join(' ')}`.trim(),
  };
  return { input, evidenceSiteId };
}
