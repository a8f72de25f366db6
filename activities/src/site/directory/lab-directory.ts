/**
 * Development and test source: the lab simulator's admin API (`GET /hosts`, lab/README.md), which
 * lists every simulated host with its ports and credentials. Refused in production by the appliance
 * config; real sites use the API directory.
 */
import type { DirectorySnapshot, HostEndpoint, HostSecret, SiteDirectory } from './site-directory.js';
import { DirectoryUnavailable } from './site-directory.js';

interface LabHostLine {
  name: string;
  address: string;
  ports: { http: number; https: number };
  credentials: { username: string; password: string };
}

function isHostLine(v: unknown): v is LabHostLine {
  const o = v as LabHostLine | null;
  return (
    typeof o?.name === 'string' &&
    typeof o.address === 'string' &&
    Number.isInteger(o.ports?.http) &&
    typeof o.credentials?.username === 'string' &&
    typeof o.credentials?.password === 'string'
  );
}

export class LabSiteDirectory implements SiteDirectory {
  readonly describe: string;

  constructor(private readonly adminUrl: string) {
    this.describe = `lab admin API ${adminUrl}`;
  }

  async fetch(): Promise<DirectorySnapshot> {
    let body: unknown;
    try {
      const res = await fetch(`${this.adminUrl.replace(/\/+$/, '')}/hosts`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (err) {
      throw new DirectoryUnavailable(`lab admin API ${this.adminUrl} did not list hosts: ${(err as Error).message}`);
    }
    if (!Array.isArray(body)) throw new DirectoryUnavailable(`lab admin API ${this.adminUrl}: /hosts is not a list`);
    const endpoints = new Map<string, HostEndpoint>();
    const byHostname = new Map<string, HostSecret>();
    body.forEach((line, i) => {
      if (!isHostLine(line)) throw new DirectoryUnavailable(`lab admin API ${this.adminUrl}: /hosts[${i}] is not a host line`);
      const key = line.name.toUpperCase();
      endpoints.set(key, { address: line.address, port: line.ports.http, transport: 'ntlm-http' });
      byHostname.set(key, { username: line.credentials.username, password: line.credentials.password });
    });
    return { endpoints, byHostId: new Map(), byHostname, domain: undefined };
  }
}
