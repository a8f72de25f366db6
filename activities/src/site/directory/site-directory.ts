/**
 * Where the appliance learns, just in time, how to reach each host and with which credential. The
 * snapshot lives only in the appliance's memory (see CredentialVault); nothing here is written to
 * disk or returned to a workflow.
 */
import type { TlsPinning, TransportKind } from '@custos/winrm';

export interface HostEndpoint {
  address: string;
  port: number;
  transport: TransportKind;
  tls?: TlsPinning;
}

export interface HostSecret {
  username: string;
  password: string;
}

export interface DirectorySnapshot {
  /** By upper-case hostname: endpoints the source knows (the lab knows its ports; DNS names need none). */
  endpoints: ReadonlyMap<string, HostEndpoint>;
  /** Host-specific credentials by inventory host id. */
  byHostId: ReadonlyMap<string, HostSecret>;
  /** Host-specific credentials by upper-case hostname (sources that do not know inventory ids). */
  byHostname: ReadonlyMap<string, HostSecret>;
  /** The domain credential used for every host without its own. */
  domain: HostSecret | undefined;
}

export interface SiteDirectory {
  /** A short description for logs (never secrets). */
  readonly describe: string;
  fetch(): Promise<DirectorySnapshot>;
}

/** The directory could not be read; the activity fails retryably (the source may come back). */
export class DirectoryUnavailable extends Error {
  override readonly name = 'DirectoryUnavailable';
}
