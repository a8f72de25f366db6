/**
 * A lab site: N simulated hosts with their listeners, the shared script catalogue and handlers, the remediation
 * application log, and the admin API. State lives under `stateDir` (default `.stack/lab/`) and a restart with the
 * same directory, seed and host plan reuses hosts, credentials, certificates and (when free) ports.
 */
import { ADHOC_SCRIPTS } from '../scripts/adhoc.js';
import type { ScriptCatalogue } from '../scripts/catalogue.js';
import { HandlerRegistry, type RunbookHandlers } from '../scripts/handler.js';
import type { ApplicationRecord } from '../scripts/run-script.js';
import { LAB_HANDLERS } from '../handlers/index.js';
import { runbooksCatalogueOrRefusal } from '../scripts/runbooks-catalogue.js';
import { createHostCertificate, type HostCertificate } from '../host/certificate.js';
import { LabHost } from '../host/lab-host.js';
import type { HostFaults } from '../host/faults.js';
import { defaultState } from '../state/defaults.js';
import type { HostKind, HostState } from '../state/host-state.js';
import { patchState } from '../state/patch.js';
import { SeededRandom } from '../state/random.js';
import { SiteStore, readJson, writeJsonAtomic } from '../state/store.js';
import { validateState } from '../state/validate.js';
import { hostName, planKinds, type LabHostRecord } from './host-records.js';
import { startAdminServer, type AdminServer } from '../admin/admin-server.js';

export interface LabSiteOptions {
  hosts: number;
  kinds?: readonly HostKind[];
  seed?: number;
  stateDir: string;
  /** Loopback address to listen on (default 127.0.0.1). */
  address?: string;
  /** Default: the `@custos/runbooks` catalogue (if it fails to load, catalogue scripts are refused, saying why). */
  catalogue?: ScriptCatalogue;
  /** Default: lab/src/handlers. */
  handlers?: readonly RunbookHandlers[];
  adminPort?: number;
}

interface SiteFile {
  seed: number;
  kinds: HostKind[];
  address: string;
  adminPort: number;
  hosts: { name: string; kind: HostKind; username: string; password: string; certificate: HostCertificate; ports: { http: number; https: number } }[];
}

const NETBIOS_DOMAIN = 'CUSTOSLAB';
const DNS_DOMAIN = 'custos.lab';
export const MAX_HOSTS = 1000;

export class LabSite {
  private readonly hostsByName = new Map<string, LabHost>();
  private readonly defaults = new Map<string, HostState>();
  private seq = 0;
  private admin: AdminServer | undefined;
  private records: LabHostRecord[] = [];

  private constructor(
    private readonly store: SiteStore,
    private readonly applicationLog: ApplicationRecord[],
  ) {
    this.seq = applicationLog.reduce((m, r) => Math.max(m, r.seq), 0);
  }

  static async start(opts: LabSiteOptions): Promise<LabSite> {
    if (!Number.isInteger(opts.hosts) || opts.hosts < 1 || opts.hosts > MAX_HOSTS) throw new RangeError(`lab: --hosts must be an integer from 1 to ${MAX_HOSTS}, got ${opts.hosts}`);
    const seed = opts.seed ?? 1;
    const address = opts.address ?? '127.0.0.1';
    const kinds = planKinds(opts.hosts, opts.kinds);
    const store = new SiteStore(opts.stateDir);
    const site = new LabSite(store, store.readApplications<ApplicationRecord>());
    const scripts = {
      catalogue: opts.catalogue ?? (await runbooksCatalogueOrRefusal()),
      handlers: new HandlerRegistry(opts.handlers ?? LAB_HANDLERS),
      adhoc: ADHOC_SCRIPTS,
    };

    try {
      const previous = readJson<SiteFile>(store.sitePath);
      const reuse = previous && previous.seed === seed && previous.address === address && JSON.stringify(previous.kinds) === JSON.stringify(kinds);
      const rnd = new SeededRandom(seed);
      const domainSid = `S-1-5-21-${rnd.int(1e8, 4e9)}-${rnd.int(1e8, 4e9)}-${rnd.int(1e8, 4e9)}`;
      const ordinals: Partial<Record<HostKind, number>> = {};
      const file: SiteFile = { seed, kinds, address, adminPort: opts.adminPort ?? previous?.adminPort ?? 0, hosts: [] };
      for (const [i, kind] of kinds.entries()) {
        ordinals[kind] = (ordinals[kind] ?? 0) + 1;
        const name = hostName(kind, ordinals[kind]);
        const hostRnd = new SeededRandom(seed * 7919 + i);
        const old = reuse ? previous.hosts[i] : undefined;
        const entry = old ?? {
          name,
          kind,
          username: `${NETBIOS_DOMAIN}\\labadmin`,
          password: hostRnd.password(),
          certificate: await createHostCertificate(name, DNS_DOMAIN, address),
          ports: { http: 0, https: 0 },
        };
        const statePath = store.hostPath(name);
        const initial = defaultState(
          { computerName: name, kind, netbiosDomain: NETBIOS_DOMAIN, dnsDomain: DNS_DOMAIN, domainSid, machineSid: `S-1-5-21-${hostRnd.int(1e8, 4e9)}-${hostRnd.int(1e8, 4e9)}-${hostRnd.int(1e8, 4e9)}`, now: new Date() },
          hostRnd,
        );
        site.defaults.set(name.toUpperCase(), initial);
        let state = reuse ? readJson<HostState>(statePath) : undefined;
        if (state) validateState(state, statePath);
        state ??= structuredClone(initial);
        writeJsonAtomic(statePath, state);
        const host = new LabHost(
          {
            name,
            kind,
            address,
            account: { username: entry.username, password: entry.password, netbiosDomain: NETBIOS_DOMAIN, dnsDomain: DNS_DOMAIN, computerName: name },
            certificate: entry.certificate,
            statePath,
            scripts,
            recordApplication: (rec) => site.record(rec),
          },
          state,
        );
        await host.listen(entry.ports);
        entry.ports = { ...host.ports };
        site.hostsByName.set(name.toUpperCase(), host);
        file.hosts.push(entry);
      }
      site.admin = await startAdminServer(site, address, file.adminPort);
      file.adminPort = site.admin.port;
      writeJsonAtomic(store.sitePath, file);
      site.records = file.hosts.map((h) => ({
        name: h.name,
        kind: h.kind,
        address,
        ports: h.ports,
        transport: 'ntlm-http',
        transports: ['ntlm-http', 'ntlm-https', 'basic-https'],
        credentials: { username: h.username, password: h.password },
        tls: { sha256Fingerprint: h.certificate.sha256Fingerprint, certificatePem: h.certificate.cert },
        admin: `${site.admin?.url}/hosts/${h.name}`,
      }));
    } catch (err) {
      // Never leave half a site listening.
      await site.close();
      throw err;
    }
    return site;
  }

  get adminUrl(): string {
    return this.admin?.url ?? '';
  }

  hosts(): LabHostRecord[] {
    return this.records.map((r) => structuredClone(r));
  }

  host(name: string): LabHost {
    const h = this.hostsByName.get(name.toUpperCase());
    if (!h) throw new RangeError(`lab: no host named ${name} (hosts: ${[...this.hostsByName.values()].map((x) => x.name).join(', ')})`);
    return h;
  }

  /** Where the host's state document is persisted. */
  statePath(name: string): string {
    return this.store.hostPath(this.host(name).name);
  }

  state(name: string): HostState {
    return this.host(name).snapshot();
  }

  /** Drift: applies a JSON Patch atomically; a bad patch changes nothing and says which operation failed. */
  patchState(name: string, patch: unknown): HostState {
    const host = this.host(name);
    const next = patchState(host.snapshot(), patch);
    host.replaceState(next);
    return structuredClone(next);
  }

  /** Back to the kind's default state for this host (same seed, same values). */
  resetState(name: string): HostState {
    const host = this.host(name);
    const initial = structuredClone(this.defaults.get(host.name.toUpperCase()) as HostState);
    host.replaceState(initial);
    return structuredClone(initial);
  }

  async setFaults(name: string, faults: HostFaults): Promise<void> {
    await this.host(name).setFaults(faults);
  }

  applications(name?: string): ApplicationRecord[] {
    return this.applicationLog.filter((r) => name === undefined || r.host.toUpperCase() === name.toUpperCase()).map((r) => ({ ...r }));
  }

  async close(): Promise<void> {
    await this.admin?.close();
    await Promise.all([...this.hostsByName.values()].map((h) => h.close()));
  }

  private record(rec: Omit<ApplicationRecord, 'seq' | 'at'>): void {
    const full: ApplicationRecord = { seq: ++this.seq, at: new Date().toISOString(), ...rec };
    this.store.appendApplication(full);
    this.applicationLog.push(full);
  }
}
