export { scrubPhi, scrubPhiText, type ScrubOptions, type ScrubReport, type Scrubbed } from './scrub.js';
export { PHI_KINDS, type PhiKind } from './kinds.js';
