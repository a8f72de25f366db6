// A deliberately incompatible edit of pingSite (central asked before the site), used to prove the
// replay suite catches non-determinism. Never registered by a worker.
import { centralActivities, siteActivities } from '../../src/proxies.js';

export async function pingSite(siteId: string) {
  const central = await centralActivities().reportCentral();
  const site = await siteActivities(siteId).reportAppliance(siteId);
  return { site, central };
}
