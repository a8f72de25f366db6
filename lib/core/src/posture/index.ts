export type {
  Attestation,
  ControlDefinition,
  ControlPosture,
  ControlStatus,
  EvidenceClass,
  Framework,
  FrameworkPosture,
  Observation,
  StatusCounts,
} from './types.js';
export { POSTURE_FRAMEWORKS, FRAMEWORK_LABELS } from './types.js';
export { frameworkPosture, frameworkScore, type PostureInput } from './framework-posture.js';
export { postureScore, countStatuses } from './score.js';
export { latestObservations, attestationInForce, ObservationTimeline } from './as-of.js';
export {
  CATALOGUE_TIME,
  notApplicableObservations,
  recordedAttestations,
  recordedObservations,
  nextPostureChange,
  recordedScopes,
  scoreSeries,
  type RecordedAttestation,
  type RecordedFinding,
  type RecordedHost,
  type RecordedScope,
  type RecordedScopes,
  type PostureRecordSet,
  type RunbookApplicability,
  type ScoreSet,
  type ScoreSeriesInput,
} from './recorded-state.js';
