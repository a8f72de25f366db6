import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '@custos/runtime';
import type { ReplayArgs } from './args.js';

/** Workflow code to replay with, and why it was chosen. */
export interface WorkflowCodeChoice {
  readonly sha256: string;
  readonly code: string;
  readonly from: 'kit' | 'file' | 'source';
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Finds workflow code for the recorded versions: `--code` if given, else the bundle shipped in the kit,
 * else a bundle built from workflow source (`--workflows`, default this checkout) the way the worker
 * builds it. The caller compares hashes: code that is not the recorded version is reported, not used
 * silently.
 */
export class CodeShelf {
  private source?: Promise<WorkflowCodeChoice>;
  private file?: Promise<WorkflowCodeChoice>;

  constructor(
    private readonly args: Pick<ReplayArgs, 'code' | 'workflows'>,
    private readonly kitCode: ReadonlyMap<string, Uint8Array>,
    private readonly defaultWorkflows: string,
  ) {}

  async forVersion(sha256: string | undefined): Promise<WorkflowCodeChoice> {
    if (this.args.code) {
      this.file ??= readFile(this.args.code).then((b) => ({ sha256: sha256Hex(b), code: b.toString('utf8'), from: 'file' as const }));
      return this.file;
    }
    const shipped = sha256 ? this.kitCode.get(sha256) : undefined;
    if (shipped) return { sha256: sha256!, code: new TextDecoder().decode(shipped), from: 'kit' };
    this.source ??= bundleWorkflowCode({
      workflowsPath: this.args.workflows ?? this.defaultWorkflows,
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    }).then(({ code }) => ({ sha256: sha256Hex(code), code, from: 'source' as const }));
    return this.source;
  }
}
