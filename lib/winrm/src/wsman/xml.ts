/**
 * Namespace-aware XML reading over @xmldom/xmldom. Different clients use different prefixes (pywinrm `env:`,
 * Windows `s:`), so everything is looked up by namespace URI and local name, never by prefix.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

export function parseXml(text: string, what: string): Document {
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new XmlError(`${what}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
    if (!doc.documentElement) throw new XmlError(`${what}: no root element`);
    return doc;
  } catch (err) {
    if (err instanceof XmlError) throw err;
    throw new XmlError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const isElement = (n: Node): n is Element => n.nodeType === 1;

/** Direct child elements with this namespace and local name. */
export function children(parent: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (isElement(n) && n.localName === local && n.namespaceURI === ns) out.push(n);
  return out;
}

export const child = (parent: Element, ns: string, local: string): Element | undefined => children(parent, ns, local)[0];

/** All descendants with this namespace and local name, in document order. */
export function descendants(root: Element | Document, ns: string, local: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, local));
}

export const descendant = (root: Element | Document, ns: string, local: string): Element | undefined => descendants(root, ns, local)[0];

export const textOf = (el: Element | undefined): string => el?.textContent ?? '';

/** XML-escapes text for element content and attribute values. */
const NEEDS_ESCAPE = /[<>&"']/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export type { Document, Element };
