/** Handlers for the "service running and starting automatically" runbooks (DNS, DHCP, Netlogon, firewall). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import type { HostKind } from '../state/host-state.js';
import { defineCase, type LabRunbookCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, service } from './support.js';

export interface ServiceRunbookSpec {
  readonly runbook: string;
  readonly version: number;
  readonly service: string;
  readonly label: string;
  readonly kinds: readonly HostKind[];
}

export function serviceCase(spec: ServiceRunbookSpec): LabRunbookCase {
  const check = (ctx: HandlerContext) => {
    factsOf(ctx.state, ctx.now);
    const s = service(ctx.state, spec.service);
    return s ? { installed: true, status: s.status, startType: s.startType } : { installed: false, status: null, startType: null };
  };
  const remediate = (ctx: HandlerContext) => {
    const s = service(ctx.state, spec.service);
    if (!s) return { changed: false, actions: [], blocked: `the ${spec.label} service is not installed on this host` };
    const actions: string[] = [];
    if (s.startType !== 'Automatic') {
      s.startType = 'Automatic';
      actions.push(`set the ${spec.label} service to start automatically`);
    }
    if (s.status !== 'Running') {
      s.status = 'Running';
      actions.push(`started the ${spec.label} service`);
    }
    return done(actions);
  };
  return defineCase({
    handlers: defineHandlers(spec.runbook, spec.version, { check, verify: check, remediate }),
    cycle: Object.fromEntries(spec.kinds.map((k) => [k, 'heals'])),
    drift: (state) => {
      const key = Object.keys(state.services).find((k) => k.toLowerCase() === spec.service.toLowerCase());
      // A role service that is not installed is added stopped: the role was installed and its service died.
      return [statePatch(['services', key ?? spec.service], { displayName: spec.label, status: 'Stopped', startType: 'Manual' })];
    },
  });
}
