/** Self-signed TLS certificate for a lab host's 5986 listener (as `New-SelfSignedCertificate` gives on site). */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface HostCertificate {
  key: string;
  cert: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex (what clients pin). */
  sha256Fingerprint: string;
}

export async function createHostCertificate(computerName: string, dnsDomain: string, address: string): Promise<HostCertificate> {
  const fqdn = `${computerName.toLowerCase()}.${dnsDomain}`;
  const r = await generate([{ name: 'commonName', value: fqdn }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 5 * 365 * 86_400_000),
    extensions: [
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: fqdn }, { type: 2, value: computerName.toLowerCase() }, { type: 7, ip: address }] },
    ],
  });
  return { key: r.private, cert: r.cert, sha256Fingerprint: new X509Certificate(r.cert).fingerprint256 };
}
