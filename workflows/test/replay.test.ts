import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { vars } from '@custos/core/config';
import { parsePayloadKeys } from '@custos/core/codec';
import { FAILURE_CONVERTER_PATH, payloadDataConverter } from '@custos/runtime';
import '@custos/testkit/temporal-runtime-setup';

/**
 * Every recorded history must keep replaying against the current workflow code: a change that
 * would break running workflows fails here (then it needs `patched()` or a new workflow type).
 */
const HISTORIES = path.join(import.meta.dirname, 'fixtures/histories');

function fixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? fixtures(full) : name.endsWith('.json') ? [full] : [];
  });
}

const logger = new DefaultLogger('WARN');
// Histories recorded by integration tests carry payloads encrypted under the development keyring
// (public, dev only); unencrypted fixtures pass through the same codec unchanged.
const dataConverter = payloadDataConverter(parsePayloadKeys(vars.payloadKeys.devDefault!));
let bundle: WorkflowBundle;

beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath: path.join(import.meta.dirname, '../src/index.ts'), failureConverterPath: FAILURE_CONVERTER_PATH, logger });
}, 120_000);

describe('recorded histories replay', () => {
  const files = fixtures(HISTORIES);

  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(HISTORIES, f), f]))('%s', async (_name, file) => {
    const history = JSON.parse(readFileSync(file, 'utf8'));
    // Workflows that derive ids from their own (children, evidence keys) replay only under the id
    // they ran with; it is kept beside the history, which itself does not carry it.
    const idFile = file.replace(/\.json$/, '.workflow-id');
    const workflowId = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : path.basename(file);
    await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, history, workflowId);
  });

  it('detects a reordering of activities as non-determinism', async () => {
    const reordered = await bundleWorkflowCode({
      workflowsPath: path.join(import.meta.dirname, 'nondeterministic/ping-site-reordered.ts'),
      logger,
    });
    const history = JSON.parse(readFileSync(path.join(HISTORIES, 'ping-site/completed.json'), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: reordered }, history)).rejects.toBeInstanceOf(DeterminismViolationError);
  }, 60_000);
});
