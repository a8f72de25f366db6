// Message contracts callers (API, dashboard) import to talk to running workflows, type-checked end to end.
export { decide, pendingPlan } from './approval/messages.js';
