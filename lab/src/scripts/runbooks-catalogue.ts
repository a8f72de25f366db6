/**
 * The real script catalogue from `@custos/runbooks`, behind the lab's ScriptCatalogue interface. Loaded lazily and
 * checked structurally, so the lab fails with a clear message (not a type error at import) if the package's API
 * moves.
 */
import { unavailableCatalogue, type ScriptCatalogue } from './catalogue.js';

interface RunbooksModule {
  loadCatalogue?: (opts?: { root?: string }) => { script(id: string, version: number, phase: string): { body: string } | undefined };
}

export async function loadRunbooksCatalogue(root?: string): Promise<ScriptCatalogue> {
  const mod = (await import('@custos/runbooks')) as unknown as RunbooksModule;
  if (typeof mod.loadCatalogue !== 'function') throw new Error('lab: @custos/runbooks does not export loadCatalogue(); cannot check script hashes');
  const catalogue = mod.loadCatalogue(root === undefined ? {} : { root });
  return { scriptBody: (k) => catalogue.script(k.runbook, k.version, k.phase)?.body };
}

/** Like loadRunbooksCatalogue, but a catalogue that fails to load becomes one that refuses every script, saying why. */
export async function runbooksCatalogueOrRefusal(root?: string): Promise<ScriptCatalogue> {
  try {
    return await loadRunbooksCatalogue(root);
  } catch (err) {
    const reason = (err as Error).message.split('\n').slice(0, 3).join(' ');
    console.error(`lab: the @custos/runbooks catalogue did not load; every catalogue script will be refused: ${reason}`);
    return unavailableCatalogue(reason);
  }
}
