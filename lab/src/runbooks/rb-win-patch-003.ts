/** Lab semantics of RB-WIN-PATCH-003 (Windows version still receives security updates); alert-only. */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { intParam } from './support.js';
import { getRegistryValue, sz } from '../state/registry.js';

const CV = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const text = (name: string) => String(getRegistryValue(ctx.state, CV, name)?.value ?? '');
  const build = Number(text('CurrentBuild')) || 0;
  const installationType = text('InstallationType');
  const minimum = installationType !== 'Client' ? intParam(ctx, 'minimumServerBuild') : intParam(ctx, 'minimumClientBuild');
  return { productName: text('ProductName'), installationType, build, ubr: Number(text('UBR')) || 0, minimumBuild: minimum, supported: build >= minimum };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-PATCH-003', 1, { check, verify: check }),
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  // An old install: Windows 10 21H2 on a workstation, Server 2012 R2 on a server.
  drift: (state) =>
    state.kind === 'workstation'
      ? [...registryPatch(state, CV, 'CurrentBuild', sz('19044')), ...registryPatch(state, CV, 'ProductName', sz('Windows 10 Pro'))]
      : [...registryPatch(state, CV, 'CurrentBuild', sz('9600')), ...registryPatch(state, CV, 'ProductName', sz('Windows Server 2012 R2 Standard'))],
});
