/** Lab semantics of RB-WIN-LOGGING-001 (Security log on and large enough). */
import { eventLogCase } from './event-log-runbook.js';

export default eventLogCase('RB-WIN-LOGGING-001', ['Security']);
