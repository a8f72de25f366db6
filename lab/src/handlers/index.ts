/**
 * Every runbook's lab handlers, one file per runbook (`<runbook-id>.ts`, see lab/README.md). The runbook
 * catalogue's authors add theirs here.
 */
import type { RunbookHandlers } from '../scripts/handler.js';
import { RUNBOOK_HANDLERS } from '../runbooks/index.js';

export const LAB_HANDLERS: readonly RunbookHandlers[] = [...RUNBOOK_HANDLERS];
