/**
 * A throwaway certificate authority for TLS tests (webhook receivers, the appliance gateway): a CA
 * certificate to trust and server certificates it issues for the names a test needs. Real X.509
 * chains, so clients verify them exactly as they would in production (rustls in the Temporal core
 * refuses a self-signed leaf used as its own trust anchor; a CA-issued leaf is what it expects).
 */
import { generate } from 'selfsigned';

export interface TestCa {
  /** PEM of the CA certificate: what clients trust. */
  readonly certPem: string;
  /** A server certificate for these DNS names and IP addresses. */
  issue(names: { dns?: readonly string[]; ips?: readonly string[] }): Promise<{ certPem: string; keyPem: string }>;
}

const YEAR = 365 * 86_400_000;

export async function createTestCa(name = 'Custos Test CA'): Promise<TestCa> {
  const ca = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + YEAR),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return {
    certPem: ca.cert,
    async issue({ dns = [], ips = [] }) {
      const leaf = await generate([{ name: 'commonName', value: dns[0] ?? ips[0] ?? 'localhost' }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        notAfterDate: new Date(Date.now() + YEAR),
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
        ],
      });
      return { certPem: leaf.cert, keyPem: leaf.private };
    },
  };
}
