import { fromBase64, toBase64 } from '../bytes.js';
import { assertUsablePublicKey, keyIdOf, KeyError } from '../ed25519.js';
import { DECIMAL, HEX64, OPAQUE_ID, SchemaError, UTC_TIME, arr, obj, onlyKeys, oneOf, str } from '../bundle/schema.js';

// trust.json: which keys may sign what, and when. Published signed (see trust/chain.ts) and shipped in
// every auditor kit; keys stay listed after they retire (with validTo) so old evidence stays verifiable.

export const TRUST_PAYLOAD_TYPE = 'application/vnd.custos.trust+json';
export const KEY_ROLES = ['root', 'bundle', 'appliance', 'log', 'export'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export interface TrustedKey {
  /** Hex SHA-256 of the raw public key (the DSSE keyid). */
  readonly id: string;
  readonly role: KeyRole;
  readonly publicKey: Uint8Array;
  readonly validFrom: string;
  /** Exclusive end; absent while the key is current. */
  readonly validTo?: string;
  /** Signed-note key name, for log keys. */
  readonly noteName?: string;
  /** Appliance keys sign only their own site's evidence. */
  readonly scope?: { readonly tenant: string; readonly site: string };
}

export interface TsaRoot {
  readonly name: string;
  /** DER certificate. */
  readonly certificate: Uint8Array;
}

export interface TrustPolicy {
  /** Distinct valid bundle/appliance keys required on each evidence envelope. */
  readonly bundleThreshold: number;
  /** Distinct valid root keys required on each trust.json. */
  readonly rootThreshold: number;
  /**
   * Easiest Bitcoin proof-of-work accepted in an OTS anchor, as compact nBits hex: "1d00ffff" is
   * mainnet's limit; test kits anchored on a local regtest-style calendar use "207fffff".
   */
  readonly bitcoinMaxTarget: string;
}

export interface TrustDocument {
  readonly schema: 1;
  readonly domain: string;
  readonly version: number;
  readonly issuedAt: string;
  readonly keys: readonly TrustedKey[];
  readonly tsaRoots: readonly TsaRoot[];
  readonly policy: TrustPolicy;
}

/** The JSON form (keys and certificates base64). */
export function trustToJson(doc: TrustDocument): unknown {
  return {
    schema: 1,
    domain: doc.domain,
    version: String(doc.version),
    issuedAt: doc.issuedAt,
    keys: doc.keys.map((k) => ({
      id: k.id,
      role: k.role,
      publicKey: toBase64(k.publicKey),
      validFrom: k.validFrom,
      ...(k.validTo ? { validTo: k.validTo } : {}),
      ...(k.noteName ? { noteName: k.noteName } : {}),
      ...(k.scope ? { scope: { tenant: k.scope.tenant, site: k.scope.site } } : {}),
    })),
    tsaRoots: doc.tsaRoots.map((r) => ({ name: r.name, certificate: toBase64(r.certificate) })),
    policy: { ...doc.policy, bundleThreshold: String(doc.policy.bundleThreshold), rootThreshold: String(doc.policy.rootThreshold) },
  };
}

function b64(v: unknown, at: string): Uint8Array {
  try {
    return fromBase64(str(v, at, /^[A-Za-z0-9+/=]{1,20000}$/, 'base64'));
  } catch (err) {
    if (err instanceof SchemaError) throw err;
    throw new SchemaError(at, 'is not valid base64');
  }
}

/** Validates the JSON form; throws SchemaError with a JSON pointer. */
export function parseTrustDocument(value: unknown): TrustDocument {
  const o = obj(value, '');
  onlyKeys(o, '', ['schema', 'domain', 'version', 'issuedAt', 'keys', 'tsaRoots', 'policy']);
  if (o.schema !== 1) throw new SchemaError('/schema', 'must be 1');
  const domain = str(o.domain, '/domain', /^[a-z0-9.-]{1,253}$/, 'a DNS name');
  const version = Number(str(o.version, '/version', DECIMAL, 'a decimal string'));
  const issuedAt = str(o.issuedAt, '/issuedAt', UTC_TIME, 'an RFC 3339 UTC time');
  const keys = arr(o.keys, '/keys').map((k, i): TrustedKey => {
    const at = `/keys/${i}`;
    const ko = obj(k, at);
    onlyKeys(ko, at, ['id', 'role', 'publicKey', 'validFrom', 'validTo', 'noteName', 'scope']);
    const publicKey = b64(ko.publicKey, `${at}/publicKey`);
    try {
      assertUsablePublicKey(publicKey);
    } catch (err) {
      if (err instanceof KeyError) throw new SchemaError(`${at}/publicKey`, err.message);
      throw err;
    }
    const id = str(ko.id, `${at}/id`, HEX64, '64 lowercase hex digits');
    if (id !== keyIdOf(publicKey)) throw new SchemaError(`${at}/id`, 'is not the SHA-256 of the public key');
    const validFrom = str(ko.validFrom, `${at}/validFrom`, UTC_TIME, 'an RFC 3339 UTC time');
    const validTo = ko.validTo === undefined ? undefined : str(ko.validTo, `${at}/validTo`, UTC_TIME, 'an RFC 3339 UTC time');
    if (validTo && Date.parse(validTo) <= Date.parse(validFrom)) throw new SchemaError(`${at}/validTo`, 'is not after validFrom');
    const role = oneOf(ko.role, `${at}/role`, KEY_ROLES);
    const noteName = ko.noteName === undefined ? undefined : str(ko.noteName, `${at}/noteName`, /^[^\s+]{1,200}$/, 'a note key name');
    if (role === 'log' && !noteName) throw new SchemaError(`${at}/noteName`, 'is required for log keys');
    let scope: TrustedKey['scope'];
    if (ko.scope !== undefined) {
      const so = obj(ko.scope, `${at}/scope`);
      onlyKeys(so, `${at}/scope`, ['tenant', 'site']);
      scope = { tenant: str(so.tenant, `${at}/scope/tenant`, OPAQUE_ID, 'an opaque id'), site: str(so.site, `${at}/scope/site`, OPAQUE_ID, 'an opaque id') };
    }
    if (role === 'appliance' && !scope) throw new SchemaError(`${at}/scope`, 'is required for appliance keys');
    return { id, role, publicKey, validFrom, ...(validTo ? { validTo } : {}), ...(noteName ? { noteName } : {}), ...(scope ? { scope } : {}) };
  });
  const ids = new Set<string>();
  keys.forEach((k, i) => {
    if (ids.has(`${k.role}:${k.id}`)) throw new SchemaError(`/keys/${i}`, 'lists the same key and role twice');
    ids.add(`${k.role}:${k.id}`);
  });
  const tsaRoots = arr(o.tsaRoots, '/tsaRoots').map((r, i) => {
    const ro = obj(r, `/tsaRoots/${i}`);
    onlyKeys(ro, `/tsaRoots/${i}`, ['name', 'certificate']);
    return { name: str(ro.name, `/tsaRoots/${i}/name`), certificate: b64(ro.certificate, `/tsaRoots/${i}/certificate`) };
  });
  const po = obj(o.policy, '/policy');
  onlyKeys(po, '/policy', ['bundleThreshold', 'rootThreshold', 'bitcoinMaxTarget']);
  const policy: TrustPolicy = {
    bundleThreshold: Number(str(po.bundleThreshold, '/policy/bundleThreshold', /^[1-9]$/, 'a digit 1-9')),
    rootThreshold: Number(str(po.rootThreshold, '/policy/rootThreshold', /^[1-9]$/, 'a digit 1-9')),
    bitcoinMaxTarget: str(po.bitcoinMaxTarget, '/policy/bitcoinMaxTarget', /^[0-9a-f]{8}$/, '8 hex digits (compact nBits)'),
  };
  if (keys.filter((k) => k.role === 'root').length < policy.rootThreshold) throw new SchemaError('/keys', 'lists fewer root keys than rootThreshold');
  return { schema: 1, domain, version, issuedAt, keys, tsaRoots, policy };
}

/** Is `key` valid at `time` (ISO string)? Windows are [validFrom, validTo). */
export function keyValidAt(key: TrustedKey, time: string): boolean {
  const t = Date.parse(time);
  return t >= Date.parse(key.validFrom) && (key.validTo === undefined || t < Date.parse(key.validTo));
}

export { KeyError };
