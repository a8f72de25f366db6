/** What `custos lab serve` prints per host and what tests use to reach it. */
import type { HostKind } from '../state/host-state.js';

export interface LabHostRecord {
  name: string;
  kind: HostKind;
  address: string;
  ports: { http: number; https: number };
  /** The transport to use by default (Windows' default: NTLM with message encryption on 5985). */
  transport: 'ntlm-http';
  transports: ('ntlm-http' | 'ntlm-https' | 'basic-https')[];
  credentials: { username: string; password: string };
  /** The listener's self-signed certificate: pin the fingerprint, or trust the PEM as a CA. */
  tls: { sha256Fingerprint: string; certificatePem: string };
  /** Admin API URL of this host. */
  admin: string;
}

/** Host names per kind, as a small practice names them: DC01, FS01, WS001. */
export function hostName(kind: HostKind, ordinal: number): string {
  if (kind === 'dc') return `DC${String(ordinal).padStart(2, '0')}`;
  if (kind === 'server') return `FS${String(ordinal).padStart(2, '0')}`;
  return `WS${String(ordinal).padStart(3, '0')}`;
}

/** Kinds for n hosts: a given list is cycled; by default one DC, a file server per five hosts, workstations. */
export function planKinds(n: number, kinds?: readonly HostKind[]): HostKind[] {
  return Array.from({ length: n }, (_, i) => (kinds && kinds.length > 0 ? (kinds[i % kinds.length] as HostKind) : i === 0 ? 'dc' : i % 5 === 1 ? 'server' : 'workstation'));
}
