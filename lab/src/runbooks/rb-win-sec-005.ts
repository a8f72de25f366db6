/** Lab semantics of RB-WIN-SEC-005 (BitLocker protection not left suspended). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { bitlockerAvailable, systemVolume } from './bitlocker.js';
import { defineCase } from './case.js';
import { statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { done } from './support.js';

function check(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  let volumeStatus: string | null = null;
  let protectionStatus: string | null = null;
  if (bitlockerAvailable(ctx.state)) ({ volumeStatus, protectionStatus } = systemVolume(ctx.state));
  return { featureAvailable: bitlockerAvailable(ctx.state), volumeStatus, protectionStatus, suspended: volumeStatus === 'FullyEncrypted' && protectionStatus === 'Off' };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-SEC-005', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const v = systemVolume(ctx.state);
      const actions: string[] = [];
      if (v.volumeStatus === 'FullyEncrypted' && v.protectionStatus === 'Off') {
        v.protectionStatus = 'On';
        actions.push('resumed BitLocker protection on C:');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  drift: (state) => [
    ...(state.kind === 'workstation' ? [] : [statePatch(['features', 'BitLocker'], 'Installed')]),
    statePatch(['bitlocker'], [{ mountPoint: 'C:', volumeStatus: 'FullyEncrypted', protectionStatus: 'Off', encryptionPercentage: 100, encryptionMethod: 'XtsAes128', keyProtectors: ['Tpm', 'RecoveryPassword'] }]),
  ],
});
