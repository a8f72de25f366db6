/** Lab semantics of RB-WIN-ENCRYPTION-001 (system drive encrypted with BitLocker). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { bitlockerAvailable, systemVolume } from './bitlocker.js';
import { defineCase } from './case.js';
import { factPatch, statePatch } from './drift.js';
import { factsOf } from './facts.js';
import { blocked, done } from './support.js';

function check(ctx: HandlerContext) {
  const facts = factsOf(ctx.state, ctx.now);
  const base = { featureAvailable: false, tpmPresent: facts.tpmPresent, mountPoint: 'C:', volumeStatus: null as string | null, protectionStatus: null as string | null, encryptionPercentage: 0, encryptionMethod: null as string | null, keyProtectors: [] as string[] };
  if (!bitlockerAvailable(ctx.state)) return base;
  const v = systemVolume(ctx.state);
  return { ...base, featureAvailable: true, volumeStatus: v.volumeStatus, protectionStatus: v.protectionStatus, encryptionPercentage: v.encryptionPercentage, encryptionMethod: v.encryptionMethod, keyProtectors: [...v.keyProtectors] };
}

const recoveryId = (name: string) => `{${Buffer.from(`${name}-recovery`).toString('hex').padEnd(32, '0').slice(0, 8).toUpperCase()}-1A2B-4C3D-8E9F-0A1B2C3D4E5F}`;

export default defineCase({
  handlers: defineHandlers('RB-WIN-ENCRYPTION-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const facts = factsOf(ctx.state, ctx.now);
      if (!bitlockerAvailable(ctx.state)) return blocked('the BitLocker feature is not installed (Install-WindowsFeature BitLocker needs a restart)');
      if (!facts.tpmPresent) return blocked('no TPM: BitLocker would need a startup key or PIN, which needs someone at the machine');
      const v = systemVolume(ctx.state);
      const actions: string[] = [];
      if (v.volumeStatus === 'FullyDecrypted') {
        if (!v.keyProtectors.includes('RecoveryPassword')) {
          v.keyProtectors.push('RecoveryPassword');
          actions.push('added a recovery password');
        }
        // The lab's disks encrypt instantly: what the script reports after its wait loop.
        Object.assign(v, { volumeStatus: 'FullyEncrypted', protectionStatus: 'On', encryptionPercentage: 100, encryptionMethod: 'XtsAes256' });
        if (!v.keyProtectors.includes('Tpm')) v.keyProtectors.unshift('Tpm');
        actions.push('started XTS-AES 256 encryption of C: (used space only, TPM protector)');
        if (ctx.state.domain.joined) actions.push(`backed up recovery password ${recoveryId(ctx.state.computerName)} to Active Directory`);
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  // A server that has the feature and a TPM, whose system drive is not (or no longer) encrypted.
  drift: (state) => [
    ...(state.kind === 'workstation' ? [] : [statePatch(['features', 'BitLocker'], 'Installed')]),
    factPatch(['tpmPresent'], true),
    statePatch(['bitlocker'], [{ mountPoint: 'C:', volumeStatus: 'FullyDecrypted', protectionStatus: 'Off', encryptionPercentage: 0, encryptionMethod: 'None', keyProtectors: [] }]),
  ],
});
