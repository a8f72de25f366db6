/**
 * Replays a history just recorded against the same workflow bundle (a failed replay is a determinism
 * bug) and, with CUSTOS_RECORD_FIXTURES=1, keeps it as a fixture under workflows/test/fixtures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

const FIXTURES = path.join(import.meta.dirname, '../../../workflows/test/fixtures/histories');

export async function replayAndKeep(client: Client, dataConverter: DataConverter, workflowId: string, fixture: { workflow: string; name: string }): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter }, history, workflowId);
  if (process.env.CUSTOS_RECORD_FIXTURES === '1') {
    const { historyToJSON } = await import('@temporalio/common/lib/proto-utils.js');
    const dir = path.join(FIXTURES, fixture.workflow);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${fixture.name}.json`), historyToJSON(history) + '\n');
    writeFileSync(path.join(dir, `${fixture.name}.workflow-id`), `${workflowId}\n`);
  }
}
