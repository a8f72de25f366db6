/** Lab semantics of RB-WIN-STG-003 (disks and the system volume report healthy); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { factPatch } from './drift.js';
import { factsOf } from './facts.js';

function check(ctx: HandlerContext) {
  const f = factsOf(ctx.state, ctx.now);
  const disks = f.disks.map((d) => ({ name: d.name, healthStatus: d.healthStatus, operationalStatus: d.operationalStatus }));
  return { disks, unhealthyDisks: disks.filter((d) => d.healthStatus !== 'Healthy').length, systemVolumeHealth: f.systemVolume.healthStatus, systemVolumeDirty: f.systemVolume.dirty };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-STG-003', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  drift: () => [factPatch(['disks', 0, 'healthStatus'], 'Warning'), factPatch(['disks', 0, 'operationalStatus'], 'Predictive Failure')],
});
