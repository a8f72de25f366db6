/**
 * The workflow bundle this worker runs, built once at start. Its SHA-256 is the build digest stamped
 * on evidence and the code stored beside exported histories, so an auditor replays a history against
 * exactly the code that produced it. Built with the codec's failure converter so failures raised in
 * workflows are encrypted like every other payload.
 */
import { createHash } from 'node:crypto';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '@custos/runtime';
import { WORKFLOWS_PATH } from './central-worker.js';

export interface BuiltWorkflowCode {
  code: string;
  sha256: string;
  bytes: Uint8Array;
}

export async function buildWorkflowCode(logger?: Logger): Promise<BuiltWorkflowCode> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, ...(logger ? { logger } : {}) });
  const bytes = new TextEncoder().encode(code);
  return { code, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}
