import type { HealTierName } from '../domain/approval.js';
import type { Attestation, ControlDefinition, ControlStatus, Framework, Observation, StatusCounts } from '../posture/types.js';

/**
 * The monthly compliance packet. `PacketInput` is everything the packet may say, gathered from
 * evidence; `Packet` is the canonical, JSON-serialisable content the PDF renders. Both are plain
 * data; building is pure and deterministic (no clock: every time comes from the input).
 */

export interface Branding {
  partnerName: string;
  /** Hex colours, e.g. #0b5394. */
  primaryColor: string;
  accentColor: string;
  /** PNG logo, base64; optional. */
  logoPngBase64?: string;
}

export interface HipaaItem {
  id: string;
  title: string;
  kind: 'standard' | 'implementation-specification';
  requirement: 'required' | 'addressable';
  evidence: ControlDefinition['evidence'];
  manualTask?: string;
}

export interface IncidentRecord {
  id: string;
  siteId: string;
  hostId: string;
  runbookId: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  openedAt: string;
  /** When verify passed (healed) or it was otherwise closed. */
  closedAt?: string;
  outcome: 'healed' | 'escalated' | 'open' | 'failed';
  /** Tier that produced the fix that verified (healed), or the tier it reached. */
  tier?: HealTierName;
}

export interface ApprovalRecord {
  incidentId: string;
  runbookId: string;
  decision: 'approve' | 'reject' | 'expired';
  approver?: string;
  decidedAt: string;
  reason?: string;
}

export interface ExceptionRecord {
  id: string;
  /** A runbook or control the exception covers. */
  subject: string;
  scope: string;
  reason: string;
  acceptedBy: string;
  acceptedAt: string;
  expiresAt?: string;
}

export interface Anchor {
  checkpointSize: number;
  kind: 'rfc3161' | 'bitcoin';
  /** RFC 3161 genTime, or the Bitcoin block time once confirmed. */
  time?: string;
  blockHeight?: number;
  status: 'confirmed' | 'pending';
}

export interface SiteLogManifest {
  siteId: string;
  entries: number;
  bundlesThisPeriod: number;
  latestCheckpoint?: { size: number; rootHash: string; at: string };
  anchors: Anchor[];
}

export interface PacketInput {
  packetId: string;
  client: { id: string; name: string };
  branding: Branding;
  /** The month covered: [from, to) in ISO 8601. The packet is "as of" `to`. */
  period: { from: string; to: string; label: string };
  previousPeriodEnd: string;
  sites: { id: string; name: string; hosts: { id: string; name: string; kind: 'domain_controller' | 'server' | 'workstation' }[] }[];
  frameworks: Framework[];
  controls: ControlDefinition[];
  hipaaItems: HipaaItem[];
  observations: Observation[];
  attestations: Attestation[];
  incidents: IncidentRecord[];
  approvals: ApprovalRecord[];
  exceptions: ExceptionRecord[];
  /** Runbooks that evidence each summary topic (resolved from the catalogue by the caller). */
  topics: Record<'encryption' | 'antivirus' | 'patches' | 'firewall' | 'screenLock' | 'backup' | 'timeSync', string[]>;
  evidence: SiteLogManifest[];
  verifyCommand: string;
}

export interface TopicRow {
  topic: string;
  compliant: number;
  total: number;
  failingHosts: string[];
}

export interface Packet {
  schema: 'custos.packet/v1';
  packetId: string;
  client: { id: string; name: string };
  partner: string;
  period: { from: string; to: string; label: string };
  executiveSummary: { headline: string; paragraphs: string[] };
  posture: { framework: Framework; score: number | null; previousScore: number | null; counts: StatusCounts }[];
  hipaaScoreTrend: { date: string; score: number | null }[];
  hipaaItems: (HipaaItem & { status: ControlStatus; reason: string; openTask?: string })[];
  findings: {
    opened: number;
    healed: number;
    healedByTier: Record<HealTierName, number>;
    escalated: number;
    stillOpen: number;
    meanTimeToHealMinutes: number | null;
  };
  approvals: ApprovalRecord[];
  exceptions: ExceptionRecord[];
  workstations: TopicRow[];
  backupAndTime: TopicRow[];
  evidence: SiteLogManifest[];
  evidenceTotals: { entries: number; bundlesThisPeriod: number; anchoredConfirmed: number; anchoredPending: number };
  howToVerify: string[];
}
