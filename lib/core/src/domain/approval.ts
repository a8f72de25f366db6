/**
 * What an approver sees and decides. The plan is shown exactly as it will run; the decision is bound
 * to the SHA-256 of the plan's canonical JSON (RFC 8785), so an approval cannot be replayed onto a
 * different plan.
 */

export type HealTierName = 'L1' | 'L2' | 'L3';
export type ApprovalPriority = 'critical' | 'high' | 'medium' | 'low';

export interface MaintenanceWindow {
  /** IANA time zone of the site, e.g. America/Chicago. */
  timeZone: string;
  /** Days of week the window opens (0 = Sunday). */
  days: number[];
  /** Local start time HH:MM (or HH:MM:SS) and length in minutes (fractions allowed). */
  start: string;
  durationMinutes: number;
}

export interface ApprovalPlan {
  siteId: string;
  hostId: string;
  findingId: string;
  runbookId: string;
  runbookVersion: number;
  params: Record<string, unknown>;
  tier: HealTierName;
  risk: 'low' | 'medium' | 'high';
  disruptive: boolean;
  maintenanceWindow: MaintenanceWindow | null;
  /** The L2 planner's rationale, when the plan came from L2. */
  rationale: string | null;
}

export interface PendingApproval {
  plan: ApprovalPlan;
  /** Lower-case hex SHA-256 of the JCS bytes of `plan`. */
  planSha256: string;
  priority: ApprovalPriority;
  requestedAt: string;
  /** When the SLA runs out and the approval expires (ISO 8601). */
  expiresAt: string;
  /** How many reminders have gone out so far. */
  remindersSent: number;
  /** The contact level the request is routed to now (0 = first contact; re-routing raises it). */
  escalationLevel?: number;
}

export interface Approver {
  userId: string;
  displayName: string;
}

export interface Decision {
  decision: 'approve' | 'reject';
  planSha256: string;
  reason: string;
  approver: Approver;
}

export interface DecisionReceipt {
  decision: 'approve' | 'reject';
  planSha256: string;
  approver: Approver;
  decidedAt: string;
}
