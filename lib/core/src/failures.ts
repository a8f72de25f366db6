/**
 * The one catalogue of failure types. Activities and workflows throw `ApplicationFailure` with a
 * `type` from here; retry policies list the non-retryable ones from here too.
 */
export const FailureType = {
  HostUnreachable: 'HostUnreachable',
  AuthRefused: 'AuthRefused',
  TlsMismatch: 'TlsMismatch',
  WinrmTimeout: 'WinrmTimeout',
  ScriptError: 'ScriptError',
  /** A WS-Man fault or malformed WS-Man response that is none of the above (retryable: often a busy host). */
  WinrmFault: 'WinrmFault',
  InvalidInput: 'InvalidInput',
  NotFound: 'NotFound',
  PlanRejected: 'PlanRejected',
  EvidenceStoreUnavailable: 'EvidenceStoreUnavailable',
  EvidenceRefused: 'EvidenceRefused',
  /** The L2 planner could not get an answer this attempt (LLM endpoint down, rate-limited, or the concurrency limit is taken); retried. */
  PlannerUnavailable: 'PlannerUnavailable',
  /** A notification channel failed transiently (SMTP 4xx, HTTP 5xx/429, network); retried. */
  DeliveryFailed: 'DeliveryFailed',
  /** Stored evidence does not verify (digest, signature, log position, artefact): nothing is computed from it. */
  EvidenceUnverified: 'EvidenceUnverified',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Failures that retrying cannot fix; retry policies pass this list as `nonRetryableErrorTypes`. */
export const NON_RETRYABLE_FAILURES: readonly FailureType[] = [
  FailureType.AuthRefused,
  FailureType.TlsMismatch,
  FailureType.InvalidInput,
  FailureType.NotFound,
  FailureType.PlanRejected,
  FailureType.EvidenceRefused,
  FailureType.EvidenceUnverified,
];
