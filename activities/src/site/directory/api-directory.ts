/**
 * Production source: Central's appliance protocol (`GET /appliance/credentials`, authenticated by
 * the appliance's own token). Each credential arrives sealed to this appliance's X25519 key with
 * associated data naming the appliance and the credential; it is opened here, in memory. The
 * associated data is computed locally, never taken from the response, so a box meant for another
 * appliance or credential fails to open. Hosts are reached by their DNS name on the default port.
 */
import { openDelivery, type SealedDelivery } from '@custos/db';
import type { DirectorySnapshot, HostSecret, SiteDirectory } from './site-directory.js';
import { DirectoryUnavailable } from './site-directory.js';

export interface ApiDirectoryOptions {
  apiUrl: string;
  applianceId: string;
  token: string;
  /** Raw 32-byte X25519 private key generated at enrolment. */
  privateKey: Uint8Array;
}

interface Delivery {
  credentialId: string;
  hostId: string | null;
  kind: string;
  sealed: SealedDelivery;
}

/** Must match the API's `deliveryAad` (api/src/routes/appliance-protocol.ts). */
export const deliveryAad = (applianceId: string, credentialId: string): string => `custos credential delivery appliance ${applianceId} credential ${credentialId}`;

function toSecret(plain: Buffer, credentialId: string): HostSecret {
  const parsed = JSON.parse(plain.toString('utf8')) as { username?: unknown; password?: unknown; domain?: unknown };
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') throw new DirectoryUnavailable(`credential ${credentialId} has no username/password`);
  const username = typeof parsed.domain === 'string' && parsed.domain !== '' && !parsed.username.includes('\\') ? `${parsed.domain}\\${parsed.username}` : parsed.username;
  return { username, password: parsed.password };
}

export class ApiSiteDirectory implements SiteDirectory {
  readonly describe: string;

  constructor(private readonly opts: ApiDirectoryOptions) {
    this.describe = `Central API ${opts.apiUrl} as appliance ${opts.applianceId}`;
  }

  async fetch(): Promise<DirectorySnapshot> {
    let deliveries: Delivery[];
    try {
      const res = await fetch(new URL('/appliance/credentials', this.opts.apiUrl), {
        headers: { authorization: `Bearer ${this.opts.token}` },
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      deliveries = (await res.json()) as Delivery[];
    } catch (err) {
      throw new DirectoryUnavailable(`${this.describe}: credentials not delivered: ${(err as Error).message}`);
    }
    if (!Array.isArray(deliveries)) throw new DirectoryUnavailable(`${this.describe}: credentials response is not a list`);
    const byHostId = new Map<string, HostSecret>();
    let domain: HostSecret | undefined;
    for (const d of deliveries) {
      let plain: Buffer;
      try {
        plain = openDelivery(this.opts.privateKey, d.sealed, deliveryAad(this.opts.applianceId, d.credentialId));
      } catch {
        throw new DirectoryUnavailable(`${this.describe}: credential ${d.credentialId} does not open with this appliance's key`);
      }
      const secret = toSecret(plain, d.credentialId);
      if (d.hostId) byHostId.set(d.hostId, secret);
      else if (d.kind === 'domain' || !domain) domain = secret;
    }
    return { endpoints: new Map(), byHostId, byHostname: new Map(), domain };
  }
}
