import { workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { StoredPacket } from '@custos/activities/reports';
import { invalidInput } from '../heal/failures.js';
import { isPacketMonth, monthIsOver, previousMonth } from './packet-month.js';
import { gatherActivities, storeActivities } from './proxies.js';

export interface CompliancePacketInput {
  clientId: string;
  /** YYYY-MM; absent on scheduled runs: the month before the scheduled time. */
  month?: string;
  trigger: 'schedule' | 'manual';
  /** User id of whoever asked for it (manual runs). */
  requestedBy?: string;
}

export interface CompliancePacketResult extends StoredPacket {
  clientId: string;
  month: string;
  hipaaScore: number | null;
  decisionsRecorded: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Set by Temporal on runs a Schedule starts: the nominal time, not when a late worker got to it.
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * A client's monthly compliance packet: record the client's pending attestations and risk
 * acceptances (so the packet sees them as evidence), build the packet from verified evidence, and
 * store its PDF and JSON as evidence. Started by the client's Schedule on the 1st for the previous
 * month, or on demand for any month that is over. Re-running for the same month with unchanged
 * evidence produces the same files and the same evidence record.
 */
export async function compliancePacket(input: CompliancePacketInput): Promise<CompliancePacketResult> {
  if (!UUID.test(input?.clientId ?? '')) throw invalidInput(`compliancePacket: clientId ${JSON.stringify(input?.clientId)} is not a client id`);
  if (input.trigger !== 'schedule' && input.trigger !== 'manual') throw invalidInput(`compliancePacket: trigger ${JSON.stringify(input.trigger)} is not schedule or manual`);
  if (input.month !== undefined && !isPacketMonth(input.month)) throw invalidInput(`compliancePacket: month ${JSON.stringify(input.month)} is not YYYY-MM`);
  const info = workflowInfo();
  const month = input.month ?? previousMonth(info.typedSearchAttributes.get(SCHEDULED_START) ?? info.startTime);
  // A month still running has no final evidence: its packet would change with every scan.
  if (!monthIsOver(month, new Date())) throw invalidInput(`compliancePacket: ${month} is not over yet; packets cover finished months`);

  const decisions = await storeActivities().recordClientDecisions({ clientId: input.clientId });
  const { packet, evidenceSiteId } = await gatherActivities().gatherCompliancePacket({ clientId: input.clientId, month });
  const stored = await storeActivities().storeCompliancePacket({
    clientId: input.clientId,
    month,
    evidenceSiteId,
    packet,
    trigger: input.trigger,
    requestedBy: input.requestedBy ?? null,
  });
  return {
    ...stored,
    clientId: input.clientId,
    month,
    hipaaScore: packet.posture.find((p) => p.framework === 'hipaa')?.score ?? null,
    decisionsRecorded: decisions.attestations + decisions.riskAcceptances,
  };
}
