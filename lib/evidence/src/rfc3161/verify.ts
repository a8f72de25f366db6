import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, toHex } from '../bytes.js';
import { sha1, sha256 } from '../hash.js';
import { SHA256_OID } from './request.js';

// Verifies an RFC 3161 TimeStampResp offline against pinned TSA roots: status, TSTInfo imprint and
// nonce, the CMS signature, the certificate chain at genTime, the signer's critical timeStamping EKU
// and the ESSCertID(v2) binding of the signer certificate. Each failure throws TimestampError with the reason.

const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const EKU_OID = '2.5.29.37';
const TIME_STAMPING_OID = '1.3.6.1.5.5.7.3.8';
const SIGNING_CERT_V1_OID = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERT_V2_OID = '1.2.840.113549.1.9.16.2.47';

export class TimestampError extends Error {
  override readonly name = 'TimestampError';
}

export interface TimestampVerification {
  readonly genTime: Date;
  readonly serialNumber: string;
  readonly policy: string;
  readonly signerSubject: string;
}

export interface TimestampExpectation {
  /** The stamped bytes (the token's imprint must be their SHA-256). */
  readonly data: Uint8Array;
  /** DER certificates of the pinned roots. */
  readonly trustedRoots: readonly Uint8Array[];
  /** The nonce sent, when checking a fresh response. */
  readonly nonce?: bigint;
}

function fail(reason: string): never {
  throw new TimestampError(reason);
}

function der(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes.slice().buffer);
  if (parsed.offset === -1) fail(`${what} is not DER: ${parsed.result.error}`);
  if (parsed.offset !== bytes.length) fail(`${what} has ${bytes.length - parsed.offset} trailing bytes`);
  return parsed.result;
}

function certificate(bytes: Uint8Array, what: string): pkijs.Certificate {
  try {
    return new pkijs.Certificate({ schema: der(bytes, what) });
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    return fail(`${what} is not an X.509 certificate`);
  }
}

function subjectOf(cert: pkijs.Certificate): string {
  return cert.subject.typesAndValues.map((tv) => `${tv.type === '2.5.4.3' ? 'CN' : tv.type}=${String(tv.value.valueBlock.value)}`).join(',');
}

function bigintOf(i: asn1js.Integer): bigint {
  return BigInt(`0x${toHex(new Uint8Array(i.valueBlock.valueHexView)) || '0'}`);
}

/** Parses the response and returns its parts, without any trust decision. */
function open(response: Uint8Array): { tst: pkijs.TSTInfo; signed: pkijs.SignedData } {
  let resp: pkijs.TimeStampResp;
  try {
    resp = new pkijs.TimeStampResp({ schema: der(response, 'timestamp response') });
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    return fail(`not an RFC 3161 TimeStampResp (${(err as Error).message})`);
  }
  const status = resp.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
    fail(`TSA refused the request (status ${status}${text ? `: ${text}` : ''})`);
  }
  const token = resp.timeStampToken;
  if (!token || token.contentType !== SIGNED_DATA_OID) fail('response has no SignedData time-stamp token');
  let signed: pkijs.SignedData;
  try {
    signed = new pkijs.SignedData({ schema: token.content });
  } catch (err) {
    return fail(`token is not CMS SignedData (${(err as Error).message})`);
  }
  if (signed.encapContentInfo.eContentType !== TST_INFO_OID) fail('token content is not TSTInfo');
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) fail('token has no TSTInfo content');
  let tst: pkijs.TSTInfo;
  try {
    tst = new pkijs.TSTInfo({ schema: der(new Uint8Array(eContent.getValue()), 'TSTInfo') });
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    return fail(`TSTInfo does not parse (${(err as Error).message})`);
  }
  if (signed.signerInfos.length !== 1) fail(`token has ${signed.signerInfos.length} signers, expected 1`);
  return { tst, signed };
}

function signerCertificate(signed: pkijs.SignedData): pkijs.Certificate {
  const sid = signed.signerInfos[0]!.sid;
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const found =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
      : undefined;
  if (!found) fail('token does not include the signer certificate (request it with certReq)');
  return found;
}

function checkTimestampingEku(cert: pkijs.Certificate): void {
  const ext = cert.extensions?.find((e) => e.extnID === EKU_OID);
  if (!ext) fail('signer certificate has no extended key usage');
  if (!ext.critical) fail('signer certificate extended key usage is not critical');
  const eku = ext.parsedValue as pkijs.ExtKeyUsage | undefined;
  const purposes = eku?.keyPurposes ?? [];
  if (purposes.length !== 1 || purposes[0] !== TIME_STAMPING_OID) fail('signer certificate is not for time stamping only (id-kp-timeStamping)');
}

function checkEssCertId(signed: pkijs.SignedData, cert: pkijs.Certificate): void {
  const certDer = new Uint8Array(cert.toSchema(true).toBER(false));
  const attrs = signed.signerInfos[0]!.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === SIGNING_CERT_V2_OID);
  const v1 = attrs.find((a) => a.type === SIGNING_CERT_V1_OID);
  const attr = v2 ?? v1;
  if (!attr) fail('token does not bind its signer certificate (no ESSCertID attribute)');
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), ... }
  const first = (attr.values[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const certId = first?.valueBlock.value[0] as asn1js.Sequence | undefined;
  if (!certId) fail('ESSCertID attribute is malformed');
  let hashAlg = v2 ? SHA256_OID : '1.3.14.3.2.26';
  let hashNode = certId.valueBlock.value[0];
  if (v2 && hashNode instanceof asn1js.Sequence) {
    hashAlg = (hashNode.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
    hashNode = certId.valueBlock.value[1];
  }
  if (!(hashNode instanceof asn1js.OctetString)) fail('ESSCertID attribute is malformed');
  const expected = hashAlg === SHA256_OID ? sha256(certDer) : hashAlg === '1.3.14.3.2.26' ? sha1(certDer) : fail(`ESSCertID hash ${hashAlg} is not supported`);
  if (!bytesEqual(new Uint8Array(hashNode.valueBlock.valueHexView), expected)) fail('ESSCertID does not match the signer certificate');
}

export async function verifyTimestampResponse(response: Uint8Array, expect: TimestampExpectation): Promise<TimestampVerification> {
  const { tst, signed } = open(response);
  const digest = sha256(expect.data);
  const imprint = tst.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== SHA256_OID) fail(`imprint hash is ${imprint.hashAlgorithm.algorithmId}, expected SHA-256`);
  if (!bytesEqual(new Uint8Array(imprint.hashedMessage.valueBlock.valueHexView), digest)) fail('message imprint does not match the stamped data');
  if (expect.nonce !== undefined && (!tst.nonce || bigintOf(tst.nonce) !== expect.nonce)) fail('nonce does not match the request');
  if (expect.trustedRoots.length === 0) fail('no TSA root is pinned');
  const roots = expect.trustedRoots.map((r, i) => certificate(r, `pinned TSA root ${i + 1}`));
  const signer = signerCertificate(signed);
  checkTimestampingEku(signer);
  checkEssCertId(signed, signer);
  let result: pkijs.SignedDataVerifyResult;
  try {
    // pkijs re-checks the imprint against `data` itself for TSTInfo content.
    result = await signed.verify({ signer: 0, data: expect.data.slice().buffer, trustedCerts: roots, checkChain: true, checkDate: tst.genTime, extendedMode: true });
  } catch (err) {
    const e = err as { message?: string; signatureVerified?: boolean | null };
    return fail(`token signature or certificate chain does not verify: ${e.message ?? String(err)}`);
  }
  if (!result.signatureVerified) fail('token signature does not verify');
  if (!result.signerCertificateVerified) fail('signer certificate does not chain to a pinned TSA root');
  return {
    genTime: tst.genTime,
    serialNumber: toHex(new Uint8Array(tst.serialNumber.valueBlock.valueHexView)),
    policy: tst.policy,
    signerSubject: subjectOf(signer),
  };
}
