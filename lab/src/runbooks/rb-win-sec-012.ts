/** Lab semantics of RB-WIN-SEC-012 (Application and System logs large enough). */
import { eventLogCase } from './event-log-runbook.js';

export default eventLogCase('RB-WIN-SEC-012', ['Application', 'System']);
