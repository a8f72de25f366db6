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
export { frameworkPosture, type PostureInput } from './framework-posture.js';
export { postureScore, countStatuses } from './score.js';
export { latestObservations, attestationInForce, ObservationTimeline } from './as-of.js';
