// Central activities talk to the site entity and the flywheel by message name (they cannot import
// workflow code); this keeps those names in step with the definitions the workflows handle.
import { describe, expect, it } from 'vitest';
import { FLYWHEEL } from '../../activities/src/central/flywheel/flywheel-contract.js';
import { SITE_ENTITY } from '../../activities/src/central/schedules/site-entity-contract.js';
import * as workflows from '../src/index.js';
import { activeRules, decidePromotion, flywheelSnapshot, recordHealOutcome } from '../src/flywheel/messages.js';
import { claimCooldown, configureSite, siteSnapshot } from '../src/site/messages.js';

describe('message names shared with central activities', () => {
  it('site entity', () => {
    expect(SITE_ENTITY).toEqual({ workflowType: workflows.siteEntity.name, snapshotQuery: siteSnapshot.name, configureUpdate: configureSite.name, claimCooldownUpdate: claimCooldown.name });
  });

  it('flywheel', () => {
    expect(FLYWHEEL).toEqual({
      workflowType: workflows.flywheel.name,
      outcomeSignal: recordHealOutcome.name,
      snapshotQuery: flywheelSnapshot.name,
      activeRulesQuery: activeRules.name,
      decideUpdate: decidePromotion.name,
    });
  });
});
