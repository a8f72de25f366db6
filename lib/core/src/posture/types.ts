/**
 * Posture: where a host, site or client stands against each control of a framework, computed from
 * evidence alone (check observations and attestations). Pure data in, pure data out, so the API,
 * the dashboard, the monthly packet and `custos posture --as-of` all get the same numbers.
 */

export type Framework = 'hipaa' | 'soc2' | 'nistCsf' | 'nist80053' | 'cisV8';

/** Every framework posture is scored for, in the order reports list them. */
export const POSTURE_FRAMEWORKS: readonly Framework[] = ['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8'];

/** How a framework is named wherever a score is shown (packet, dashboard, API). */
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  hipaa: 'HIPAA',
  soc2: 'SOC 2',
  nistCsf: 'NIST CSF 2.0',
  nist80053: 'NIST 800-53',
  cisV8: 'CIS v8',
};

/** How a control is evidenced (from the control catalogue). */
export type EvidenceClass = 'automated' | 'partial' | 'manual';

export interface ControlDefinition {
  framework: Framework;
  id: string;
  title: string;
  evidence: EvidenceClass;
  /** Runbooks whose checks evidence this control (empty for manual controls). */
  runbooks: readonly string[];
}

/** One check result, as recorded in a signed scan bundle. */
export interface Observation {
  hostId: string;
  runbookId: string;
  /** `error` means the check could not run; it evidences nothing (counted like a failure). */
  outcome: 'pass' | 'fail' | 'error' | 'not_applicable';
  observedAt: string;
  evidenceId: string;
}

/** A person's attestation that the manual part of a control is in place for a client. */
export interface Attestation {
  framework: Framework;
  controlId: string;
  attestedBy: string;
  attestedAt: string;
  /** End of validity (exclusive); undefined means valid until superseded. */
  validUntil?: string;
  evidenceId: string;
}

export type ControlStatus = 'pass' | 'fail' | 'partial' | 'manual-pending' | 'not-applicable';

export interface ControlPosture {
  framework: Framework;
  controlId: string;
  status: ControlStatus;
  /** Why, in plain words (shown in the packet and the dashboard). */
  reason: string;
  /** Evidence the status rests on: observation and attestation evidence ids. */
  evidenceIds: string[];
}

export interface StatusCounts {
  pass: number;
  fail: number;
  partial: number;
  'manual-pending': number;
  'not-applicable': number;
}

export interface FrameworkPosture {
  framework: Framework;
  controls: ControlPosture[];
  counts: StatusCounts;
  /** 0–100, or null when no control applies (see score.ts for the one formula). */
  score: number | null;
}
