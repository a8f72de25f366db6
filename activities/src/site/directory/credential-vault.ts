/**
 * Credentials held in the appliance's memory only. Fetched just in time from the site directory (at
 * the start of a scan, or on first use after the appliance restarted) and kept for a bounded time
 * so a rotation reaches the appliance within minutes. Nothing is written to disk and nothing leaves
 * through a workflow payload: activities return counts, never secrets.
 */
import type { WinrmTarget } from '@custos/winrm';
import type { HostRef } from '../types.js';
import type { DirectorySnapshot, HostEndpoint, SiteDirectory } from './site-directory.js';

export class NoCredentialError extends Error {
  override readonly name = 'NoCredentialError';
}

export interface VaultOptions {
  /** Re-fetch after this long even without an explicit refresh. */
  maxAgeMs?: number;
  /** How hosts without a directory endpoint are reached (their hostname on the transport's default port). */
  defaultTransport?: HostEndpoint['transport'];
  now?: () => number;
}

export class CredentialVault {
  private snapshot: DirectorySnapshot | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<DirectorySnapshot> | undefined;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly directory: SiteDirectory,
    private readonly opts: VaultOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 10 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  get describe(): string {
    return this.directory.describe;
  }

  /** Fetches now (concurrent callers share one fetch). */
  async refresh(): Promise<DirectorySnapshot> {
    this.inFlight ??= this.directory.fetch().then(
      (snap) => {
        this.snapshot = snap;
        this.fetchedAt = this.now();
        this.inFlight = undefined;
        return snap;
      },
      (err: unknown) => {
        this.inFlight = undefined;
        throw err;
      },
    );
    return this.inFlight;
  }

  /** The current snapshot, fetched first when there is none or it is too old. */
  async current(): Promise<DirectorySnapshot> {
    if (this.snapshot && this.now() - this.fetchedAt < this.maxAgeMs) return this.snapshot;
    return this.refresh();
  }

  /** Client options for a host; throws NoCredentialError when the site has no credential for it. */
  async targetFor(host: Pick<HostRef, 'hostId' | 'hostname'>): Promise<WinrmTarget> {
    const snap = await this.current();
    const name = host.hostname.toUpperCase();
    const short = name.split('.')[0] ?? name;
    const secret = snap.byHostId.get(host.hostId) ?? snap.byHostname.get(name) ?? snap.byHostname.get(short) ?? snap.domain;
    if (!secret) throw new NoCredentialError(`no credential for host ${host.hostname} (${this.directory.describe})`);
    const endpoint = snap.endpoints.get(name) ?? snap.endpoints.get(short);
    const transport = endpoint?.transport ?? this.opts.defaultTransport ?? 'ntlm-http';
    return {
      host: endpoint?.address ?? host.hostname,
      port: endpoint?.port ?? (transport === 'ntlm-http' ? 5985 : 5986),
      transport,
      username: secret.username,
      password: secret.password,
      ...(endpoint?.tls ? { tls: endpoint.tls } : {}),
    };
  }

  /** Counts for the refresh activity's result (no secrets). */
  static summary(snap: DirectorySnapshot): { credentials: number; hosts: number } {
    return { credentials: snap.byHostId.size + snap.byHostname.size + (snap.domain ? 1 : 0), hosts: snap.endpoints.size };
  }
}
