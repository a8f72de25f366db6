// The workflowsPath entry: every workflow type the central worker registers.
export { pingSite } from './diagnostics/ping-site.workflow.js';
