/**
 * Namespace-aware XML reading. Different clients use different prefixes (pywinrm `env:`, Windows `s:`), so
 * everything is looked up by namespace URI and local name, never by prefix. Built on the `saxes` streaming parser
 * (namespace-aware, well-formedness checked) into a small element tree: a full DOM cost 4× more per message, and
 * every WS-Man request and response goes through here on both the client and the lab. The plain documents WS-Man
 * carries take a fast path (fast-xml.ts) that builds the same tree; anything else, and every error, is saxes'.
 */
import { SaxesParser } from 'saxes';
import { fastParse } from './fast-xml.js';
import { XmlElement } from './xml-element.js';

export { XmlElement };

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

export interface XmlDocument {
  documentElement: XmlElement;
  getElementsByTagNameNS(ns: string, local: string): XmlElement[];
}

/** Parses `text`; any well-formedness or namespace error, or a DOCTYPE, is an XmlError prefixed with `what`. */
export function parseXml(text: string, what: string): XmlDocument {
  const root = fastParse(text) ?? saxesParse(text, what);
  return {
    documentElement: root,
    getElementsByTagNameNS: (ns, local) => [
      ...(root.localName === local && (ns === '*' || root.namespaceURI === ns) ? [root] : []),
      ...root.getElementsByTagNameNS(ns, local),
    ],
  };
}

/** The reference parser: full well-formedness checking, and the error messages. */
export function saxesParse(text: string, what: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: string | undefined;
  parser.on('error', (err) => {
    failure ??= err.message;
  });
  // No DTDs: nothing in WS-Man needs one, and refusing them closes the door on entity tricks.
  parser.on('doctype', () => {
    failure ??= 'DOCTYPE is not allowed';
  });
  parser.on('opentag', (tag) => {
    const attributes: [string, string][] = Object.values(tag.attributes).map((a) => [a.name, a.value]);
    const el = new XmlElement(tag.uri === '' ? null : tag.uri, tag.local, attributes);
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => stack.at(-1)?.addText(t));
  parser.on('cdata', (t) => stack.at(-1)?.addText(t));
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= (err as Error).message;
  }
  if (failure !== undefined) throw new XmlError(`${what}: ${failure}`);
  if (!root) throw new XmlError(`${what}: no root element`);
  return root;
}

/** Direct child elements with this namespace and local name. */
export function children(parent: XmlElement, ns: string, local: string): XmlElement[] {
  return parent.children.filter((c) => c.localName === local && c.namespaceURI === ns);
}

export const child = (parent: XmlElement, ns: string, local: string): XmlElement | undefined =>
  parent.children.find((c) => c.localName === local && c.namespaceURI === ns);

/** All descendants with this namespace and local name, in document order. */
export function descendants(root: XmlElement | XmlDocument, ns: string, local: string): XmlElement[] {
  return root.getElementsByTagNameNS(ns, local);
}

export const descendant = (root: XmlElement | XmlDocument, ns: string, local: string): XmlElement | undefined => descendants(root, ns, local)[0];

export const textOf = (el: XmlElement | undefined): string => el?.textContent ?? '';

const NEEDS_ESCAPE = /[<>&"']/;

/** XML-escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export type { XmlDocument as Document, XmlElement as Element };
