/**
 * Request envelopes as Windows clients send them (pywinrm / masterzen header set, reference §1.2), and the common
 * part of reading a response: root check, Action, RelatesTo.
 */
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, NS } from './namespaces.js';
import { child, descendant, escapeXml, parseXml, textOf, type Document, type Element } from './xml.js';

export interface RequestOptions {
  to: string;
  action: string;
  resourceUri: string;
  /** Body XML (already built, using the prefixes declared on the envelope). */
  body?: string;
  selectors?: Record<string, string>;
  options?: Record<string, string>;
  maxEnvelopeSize: number;
  operationTimeoutSec: number;
  messageId?: string;
  locale?: string;
}

const DECLS = Object.entries({ s: NS.s, a: NS.a, w: NS.w, p: NS.p, rsp: NS.rsp, x: NS.x })
  .map(([p, u]) => `xmlns:${p}="${u}"`)
  .join(' ');

export function buildRequest(o: RequestOptions): { xml: string; messageId: string } {
  const messageId = o.messageId ?? `uuid:${randomUUID().toUpperCase()}`;
  const locale = o.locale ?? 'en-US';
  const selectors = o.selectors
    ? `<w:SelectorSet>${Object.entries(o.selectors)
        .map(([k, v]) => `<w:Selector Name="${escapeXml(k)}">${escapeXml(v)}</w:Selector>`)
        .join('')}</w:SelectorSet>`
    : '';
  const options = o.options
    ? `<w:OptionSet>${Object.entries(o.options)
        .map(([k, v]) => `<w:Option Name="${escapeXml(k)}">${escapeXml(v)}</w:Option>`)
        .join('')}</w:OptionSet>`
    : '';
  const xml =
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${DECLS}><s:Header>` +
    `<a:To>${escapeXml(o.to)}</a:To>` +
    `<a:ReplyTo><a:Address s:mustUnderstand="true">${ANONYMOUS}</a:Address></a:ReplyTo>` +
    `<w:MaxEnvelopeSize s:mustUnderstand="true">${o.maxEnvelopeSize}</w:MaxEnvelopeSize>` +
    `<a:MessageID>${messageId}</a:MessageID>` +
    `<w:Locale xml:lang="${locale}" s:mustUnderstand="false"/>` +
    `<p:DataLocale xml:lang="${locale}" s:mustUnderstand="false"/>` +
    `<w:OperationTimeout>PT${o.operationTimeoutSec}S</w:OperationTimeout>` +
    `<w:ResourceURI s:mustUnderstand="true">${escapeXml(o.resourceUri)}</w:ResourceURI>` +
    `<a:Action s:mustUnderstand="true">${o.action}</a:Action>` +
    selectors +
    options +
    `</s:Header><s:Body>${o.body ?? ''}</s:Body></s:Envelope>`;
  return { xml, messageId };
}

export interface ParsedEnvelope {
  doc: Document;
  header: Element | undefined;
  body: Element;
  action: string;
  relatesTo: string;
  messageId: string;
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

export function parseEnvelope(xml: string, what = 'WS-Man envelope'): ParsedEnvelope {
  const doc = parseXml(xml, what);
  const root = doc.documentElement as Element;
  if (root.localName !== 'Envelope' || root.namespaceURI !== NS.s) {
    throw new EnvelopeError(`${what}: root element is {${root.namespaceURI}}${root.localName}, expected a SOAP 1.2 Envelope`);
  }
  const header = child(root, NS.s, 'Header');
  const body = child(root, NS.s, 'Body');
  if (!body) throw new EnvelopeError(`${what}: no s:Body`);
  return {
    doc,
    header,
    body,
    action: textOf(header && child(header, NS.a, 'Action')).trim(),
    relatesTo: textOf(header && child(header, NS.a, 'RelatesTo')).trim(),
    messageId: textOf(header && child(header, NS.a, 'MessageID')).trim(),
  };
}

/** Reads `PT20S` / `PT1.5S` / `PT0H1M0S` durations (OperationTimeout) into seconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim() === 'PT') return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export { descendant };
