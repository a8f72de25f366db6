import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the system `openssl`; its stderr is in the error when it fails. */
export async function openssl(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('openssl', args, { cwd, maxBuffer: 1 << 20 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} ${args[1] ?? ''} failed: ${(e.stderr ?? e.message).trim()}`, { cause: err });
  }
}

export interface TsaCertificates {
  /** DER of the throwaway root: what a verifier pins. */
  readonly rootDer: Uint8Array;
  readonly rootPem: string;
  readonly tsaPem: string;
}

/**
 * A throwaway PKI made at test time: an RSA root CA and a TSA certificate it issues with the critical
 * id-kp-timeStamping extended key usage that RFC 3161 §2.3 requires. Nothing is committed or reused.
 */
export async function createTsaCertificates(dir: string, name: string): Promise<TsaCertificates> {
  await writeFile(
    path.join(dir, 'tsa-ext.cnf'),
    ['basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature', 'extendedKeyUsage = critical, timeStamping', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'].join('\n') + '\n',
  );
  await openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', `/CN=${name} Root`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', `/CN=${name}`], dir);
  await openssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '2', '-out', 'tsa.crt', '-days', '825', '-extfile', 'tsa-ext.cnf'], dir);
  await openssl(['x509', '-in', 'ca.crt', '-outform', 'DER', '-out', 'ca.der'], dir);
  return {
    rootDer: new Uint8Array(await readFile(path.join(dir, 'ca.der'))),
    rootPem: await readFile(path.join(dir, 'ca.crt'), 'utf8'),
    tsaPem: await readFile(path.join(dir, 'tsa.crt'), 'utf8'),
  };
}

/** `openssl ts` configuration (see openssl-ts(1)): SHA-256 signing, ESSCertIDv2, certificate chain included. */
export function tsaConfig(dir: string): string {
  return `[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = ${dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}
