import { ApplicationFailure } from '@temporalio/common';
import { activityInfo, heartbeat, log } from '@temporalio/activity';
import { buildPacket, FailureType, type Packet } from '@custos/core';
import type { Catalogue } from '@custos/runbooks';
import type { PacketTrigger } from '@custos/db';
import type { EvidenceActivityDeps } from '../evidence/activities.js';
import { InvalidEvidenceRequest } from '../evidence/service/request.js';
import { UnverifiedEvidence } from '../evidence/read/verified-bundles.js';
import { KeyNotTrusted } from '../evidence/keys/trust-registry.js';
import { ObjectLockMissing, ObjectMissing, RetentionNotApplied } from '../evidence/store/object-store.js';
import type { CentralRuntime } from '../heal/central-runtime.js';
import { packetCatalogue, type PacketCatalogue } from './catalogue/packet-catalogue.js';
import { gatherPacketInput } from './gather/gather-packet-input.js';
import { InvalidMonth } from './gather/packet-period.js';
import { recordClientDecisions, type RecordedDecisions } from './store/record-decisions.js';
import { storePacket, type StoredPacket } from './store/store-packet.js';

export interface GatherPacketRequest {
  clientId: string;
  month: string;
}

export interface GatheredPacketResult {
  packet: Packet;
  evidenceSiteId: string;
}

export interface StorePacketActivityRequest {
  clientId: string;
  month: string;
  evidenceSiteId: string;
  packet: Packet;
  trigger: PacketTrigger;
  requestedBy: string | null;
}

const catalogues = new WeakMap<Catalogue, PacketCatalogue>();

/** The packet's view of a catalogue, computed once per loaded catalogue. */
export function packetCatalogueOf(catalogue: Catalogue): PacketCatalogue {
  let c = catalogues.get(catalogue);
  if (!c) catalogues.set(catalogue, (c = packetCatalogue(catalogue)));
  return c;
}

/** Failures the packet workflow's retry policy understands; anything else is retried as it is. */
function asFailure(err: unknown): unknown {
  if (err instanceof UnverifiedEvidence) return ApplicationFailure.nonRetryable(err.message, FailureType.EvidenceUnverified);
  if (err instanceof InvalidEvidenceRequest) return ApplicationFailure.nonRetryable(err.message, FailureType.EvidenceRefused);
  if (err instanceof InvalidMonth) return ApplicationFailure.nonRetryable(err.message, FailureType.InvalidInput);
  if (err instanceof ObjectLockMissing || err instanceof RetentionNotApplied || err instanceof ObjectMissing || err instanceof KeyNotTrusted) {
    return ApplicationFailure.retryable(err.message, FailureType.EvidenceStoreUnavailable);
  }
  return err;
}

/** The run this activity works for: its id goes into the evidence it records. */
function callingRun(): { workflowId: string; runId: string } {
  const run = activityInfo().workflowExecution;
  if (!run) throw ApplicationFailure.nonRetryable('compliance packet activities run only for a workflow', FailureType.InvalidInput);
  return run;
}

async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    log.warn(`${what} failed`, { error: (err as Error).message });
    throw asFailure(err);
  }
}

/**
 * The monthly packet's central activities: record pending client decisions, gather the packet from
 * evidence, and store its files as evidence. They need the database and catalogue (scan/heal
 * runtime) and the evidence service; a worker without them fails these retryably until one has them.
 */
export function createReportActivities(deps: { scanHeal?: CentralRuntime; evidence?: EvidenceActivityDeps }) {
  const need = () => {
    if (!deps.scanHeal || !deps.evidence) {
      throw ApplicationFailure.retryable('this central worker has no database, catalogue or evidence service for compliance packets', FailureType.EvidenceStoreUnavailable);
    }
    return { db: deps.scanHeal.db, catalogue: deps.scanHeal.catalogue, service: deps.evidence.service };
  };
  return {
    /** Records the client's attestations and risk acceptances that are not evidence yet. */
    async recordClientDecisions(req: { clientId: string }): Promise<RecordedDecisions> {
      const d = need();
      return guarded('recordClientDecisions', () => recordClientDecisions(d.db, d.service, req.clientId, callingRun().runId));
    },

    /** The packet for a client and month, built from verified evidence (heartbeats while reading). */
    async gatherCompliancePacket(req: GatherPacketRequest): Promise<GatheredPacketResult> {
      const d = need();
      return guarded('gatherCompliancePacket', async () => {
        const progress = (phase: string, done: number, total: number) => heartbeat({ phase, done, total });
        const { input, evidenceSiteId } = await gatherPacketInput({ db: d.db, service: d.service, catalogue: packetCatalogueOf(d.catalogue), progress }, req.clientId, req.month);
        return { packet: buildPacket(input), evidenceSiteId };
      });
    },

    /** Renders the PDF and JSON, records both as evidence and indexes them for download. */
    async storeCompliancePacket(req: StorePacketActivityRequest): Promise<StoredPacket> {
      const d = need();
      const run = callingRun();
      return guarded('storeCompliancePacket', async () => {
        const { json: _json, pdf: _pdf, ...stored } = await storePacket(d.db, d.service, {
          ...req,
          runId: run.runId,
          workflowId: run.workflowId,
          startedAt: new Date(activityInfo().scheduledTimestampMs).toISOString(),
        });
        return stored;
      });
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
