/**
 * A batch of hosts in one activity: hosts run concurrently (bounded by the WinRM client's global and
 * per-host limits), each finished host is heartbeated with every result so far, and a retry after an
 * appliance crash resumes from the last heartbeat instead of re-checking finished hosts.
 */
import { Context } from '@temporalio/activity';
import { invalidInput } from '../failures.js';
import type { SiteRuntime } from '../site-deps.js';
import type { CheckHostsInput, CheckHostsOutput, HostCheckResult } from '../types.js';
import { checkHost } from './check-host.js';

interface Progress {
  done: HostCheckResult[];
}

function resumed(details: unknown): Map<string, HostCheckResult> {
  const done = (details as Progress | undefined)?.done;
  return new Map(Array.isArray(done) ? done.map((r) => [r.hostId, r]) : []);
}

export function makeCheckHosts(rt: SiteRuntime) {
  return async function checkHosts(input: CheckHostsInput): Promise<CheckHostsOutput> {
    if (input.siteId !== rt.siteId) throw invalidInput(`appliance for site ${rt.siteId} was asked to scan site ${input.siteId}`);
    const ctx = Context.current();
    const done = resumed(ctx.info.heartbeatDetails);
    const work = Promise.all(
      input.hosts
        .filter((h) => !done.has(h.hostId))
        .map(async (h) => {
          done.set(h.hostId, await checkHost(rt, h));
          ctx.heartbeat({ done: [...done.values()] } satisfies Progress);
        }),
    );
    // A cancelled activity (worker shutdown, workflow cancelled) stops waiting; checks change nothing.
    await Promise.race([work, ctx.cancelled]);
    return { hosts: input.hosts.map((h) => done.get(h.hostId) as HostCheckResult) };
  };
}
