import type { KitInput, Signer } from '@custos/evidence';
import { collectKitInput } from '../../src/central/evidence/index.js';
import type { EvidenceTestEnv, SeededSite } from './support.js';

/** Everything the live system holds for the sites' client, as kit input signed by `exportSigner`. */
export async function readKitInputs(env: Pick<EvidenceTestEnv, 'service'>, sites: readonly SeededSite[], exportSigner: Signer): Promise<KitInput> {
  const input = await collectKitInput(env.service, { clientId: sites[0]!.clientId, from: new Date(0), to: new Date(Date.now() + 60_000) }, { createdAt: new Date() });
  const wanted = new Set(sites.map((s) => s.siteId));
  return { ...input, sites: input.sites.filter((s) => wanted.has(s.site)), exportSigners: [exportSigner] };
}
