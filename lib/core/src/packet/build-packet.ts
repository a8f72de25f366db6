import { ObservationTimeline } from '../posture/as-of.js';
import { frameworkPosture } from '../posture/framework-posture.js';
import { executiveSummary } from './executive-summary.js';
import { findingsSummary } from './findings-summary.js';
import { topicRows } from './topic-rows.js';
import type { Packet, PacketInput } from './types.js';

const DAY = 86_400_000;

function dailyEnds(from: string, to: string): string[] {
  const ends: string[] = [];
  for (let t = Date.parse(from) + DAY; t <= Date.parse(to); t += DAY) ends.push(new Date(t).toISOString());
  return ends;
}

/** The whole packet from evidence. Pure: the same input gives the same packet, byte for byte once serialised. */
export function buildPacket(input: PacketInput): Packet {
  const hosts = input.sites.flatMap((s) => s.hosts);
  const hostIds = hosts.map((h) => h.id);
  // Posture is computed at ~35 instants (trend, now, last month); index the observations once.
  const timeline = new ObservationTimeline(input.observations);
  const scope = (asOf: string) => ({ controls: input.controls, hostIds, observations: input.observations, timeline, attestations: input.attestations, asOf });
  const to = input.period.to;

  const posture = input.frameworks.map((framework) => {
    const now = frameworkPosture(framework, scope(to));
    const before = frameworkPosture(framework, scope(input.previousPeriodEnd));
    return { framework, score: now.score, previousScore: before.score, counts: now.counts };
  });

  const hipaaNow = new Map(frameworkPosture('hipaa', scope(to)).controls.map((c) => [c.controlId, c]));
  const hipaaItems = input.hipaaItems.map((item) => {
    const c = hipaaNow.get(item.id);
    const status = c?.status ?? (item.evidence === 'automated' ? 'fail' : 'manual-pending');
    const openTask = item.manualTask && (status === 'manual-pending' || status === 'partial') ? item.manualTask : undefined;
    return { ...item, status, reason: c?.reason ?? 'no control definition', ...(openTask ? { openTask } : {}) };
  });

  const workstations = hosts.filter((h) => h.kind === 'workstation');
  const servers = hosts.filter((h) => h.kind !== 'workstation');
  const { encryption, antivirus, patches, firewall, screenLock, backup, timeSync } = input.topics;

  const evidenceTotals = {
    entries: input.evidence.reduce((n, s) => n + s.entries, 0),
    bundlesThisPeriod: input.evidence.reduce((n, s) => n + s.bundlesThisPeriod, 0),
    anchoredConfirmed: input.evidence.reduce((n, s) => n + s.anchors.filter((a) => a.status === 'confirmed').length, 0),
    anchoredPending: input.evidence.reduce((n, s) => n + s.anchors.filter((a) => a.status === 'pending').length, 0),
  };

  const body: Omit<Packet, 'executiveSummary'> = {
    schema: 'custos.packet/v1',
    packetId: input.packetId,
    client: input.client,
    partner: input.branding.partnerName,
    period: input.period,
    posture,
    hipaaScoreTrend: dailyEnds(input.period.from, to).map((date) => ({ date: date.slice(0, 10), score: frameworkPosture('hipaa', scope(date)).score })),
    hipaaItems,
    findings: findingsSummary(input.incidents, input.period.from, to),
    approvals: [...input.approvals].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.incidentId.localeCompare(b.incidentId)),
    exceptions: [...input.exceptions].sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt) || a.id.localeCompare(b.id)),
    workstations: topicRows({ encryption, antivirus, patches, firewall, screenLock }, workstations, input.observations, to),
    backupAndTime: topicRows({ backup, timeSync }, servers, input.observations, to),
    evidence: [...input.evidence].sort((a, b) => a.siteId.localeCompare(b.siteId)),
    evidenceTotals,
    howToVerify: [
      'Every figure in this packet comes from signed evidence records. To check them yourself, without trusting us:',
      `1. Ask your MSP for the auditor kit of this period, then run: ${input.verifyCommand}`,
      '2. Or open the dashboard\'s verifier and load the kit from disk: it checks every signature, the Merkle logs and the anchors in your browser; nothing is uploaded.',
      '3. This packet is itself stored as evidence; its SHA-256 is listed in the next month\'s evidence log.',
    ],
  };
  return { ...body, executiveSummary: executiveSummary(body) };
}
