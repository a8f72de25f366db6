import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { stackUp, stackPaths, stackContext, type StackEndpoints } from '@custos/cli/stack';
import { WORKFLOWS_PATH } from '@custos/workers';
import { FAILURE_CONVERTER_PATH } from '@custos/runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackEndpoints;
    /** The workflow bundle built once for the whole run (webpack takes seconds per build). */
    workflowBundlePath: string;
  }
}

async function bundleWorkflowsOnce(): Promise<string> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // Failures raised inside workflows are encrypted by the same codec as everything else.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
  });
  const file = path.join(stackPaths(stackContext().config.stackDir).root, 'test-workflow-bundle.js');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
}

/**
 * Integration tests run against the real local stack. Bring it up once (idempotent: a stack that is
 * already up is reused and left running for the next run) and hand its endpoints to every test file.
 */
export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const { endpoints, statuses } = await stackUp({ progress: (line) => console.error(`stack: ${line}`) });
  for (const s of statuses) console.error(`stack: ${s.name} ${s.state} at ${s.where}`);
  console.error(`stack: ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  project.provide('stack', endpoints);
  project.provide('workflowBundlePath', await bundleWorkflowsOnce());
}
