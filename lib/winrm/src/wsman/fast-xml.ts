/**
 * A fast path for the XML that WS-Man actually carries: elements, attributes, namespace declarations, text and the
 * five predefined and numeric character references. Every request and response of both the client and the lab goes
 * through XML parsing, and saxes' character-by-character state machine was the largest single cost after HTTP.
 *
 * It never decides that a document is wrong: anything outside that subset or anything it cannot vouch for
 * (comments, CDATA, DOCTYPE, processing instructions, non-ASCII names, CR characters, a mismatched tag, an
 * undeclared prefix, a stray `&`) makes it return undefined, and the caller parses with saxes, which gives the exact
 * well-formedness error. For documents it does accept it builds the same tree saxes would.
 */
import { XmlElement } from './xml-element.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** Characters XML 1.0 forbids, CR (line-end normalisation), BOMs and any surrogate (pairs included): left to saxes. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\r\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
const ONLY_SPACE = /^[ \t\n]*$/;
const DECL = /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.0\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/y;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves references in `raw`, or returns undefined for anything but the predefined and valid numeric ones. */
function unescape(raw: string): string | undefined {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (!m) return undefined;
    let ch: string;
    if (m[1]) ch = NAMED[m[1]] as string;
    else {
      const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3] as string, 16);
      const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!valid) return undefined;
      ch = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + ch;
    from = ENTITY.lastIndex;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

interface Frame {
  el: XmlElement;
  name: string;
  ns: Map<string, string> | undefined;
}

const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;

/** End of the (ASCII, at most once prefixed) name starting at `p`, or -1. */
function scanName(text: string, p: number): number {
  if (!isNameStart(text.charCodeAt(p))) return -1;
  let q = p + 1;
  while (isNameChar(text.charCodeAt(q))) q++;
  if (text.charCodeAt(q) === 0x3a /* : */) {
    if (!isNameStart(text.charCodeAt(q + 1))) return -1;
    q += 2;
    while (isNameChar(text.charCodeAt(q))) q++;
  }
  return q;
}

function skipSpace(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09) return p;
    p++;
  }
}

/** The namespace bound to `prefix` in scope (innermost declaration first). */
function lookup(stack: Frame[], prefix: string): string | undefined {
  for (let k = stack.length - 1; k >= 0; k--) {
    const uri = (stack[k] as Frame).ns?.get(prefix);
    if (uri !== undefined) return uri;
  }
  return prefix === 'xml' ? XML_NS : undefined;
}

/** The root element of `text`, or undefined when saxes must decide (see above). */
export function fastParse(text: string): XmlElement | undefined {
  if (BAD_CHARS.test(text)) return undefined;
  let i = 0;
  DECL.lastIndex = 0;
  if (text.startsWith('<?')) {
    if (!DECL.exec(text)) return undefined;
    i = DECL.lastIndex;
  }
  const stack: Frame[] = [];
  let root: XmlElement | undefined;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const raw = text.slice(i, end);
      if (stack.length === 0) {
        if (!ONLY_SPACE.test(raw)) return undefined;
      } else {
        // `>` is legal in text, but `]]>` is not: either way saxes decides.
        if (raw.indexOf('>') >= 0) return undefined;
        const t = unescape(raw);
        if (t === undefined) return undefined;
        (stack[stack.length - 1] as Frame).el.addText(t);
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const top = stack.pop();
      if (!top) return undefined;
      const close = lt + 2 + top.name.length;
      if (!text.startsWith(top.name, lt + 2)) return undefined;
      const gt = skipSpace(text, close);
      if (text.charCodeAt(gt) !== 0x3e /* > */) return undefined;
      i = gt + 1;
      continue;
    }
    // Comments, CDATA, DOCTYPE, processing instructions: saxes' business.
    if (next === 0x21 || next === 0x3f || root !== undefined && stack.length === 0) return undefined;
    const nameEnd = scanName(text, lt + 1);
    if (nameEnd < 0) return undefined;
    const name = text.slice(lt + 1, nameEnd);
    let p = nameEnd;
    const attrs: [string, string][] = [];
    let ns: Map<string, string> | undefined;
    let selfClosing = false;
    for (;;) {
      const spaced = skipSpace(text, p);
      const hadSpace = spaced > p;
      p = spaced;
      const c = text.charCodeAt(p);
      if (c === 0x3e) {
        p++;
        break;
      }
      if (c === 0x2f) {
        if (text.charCodeAt(p + 1) !== 0x3e) return undefined;
        selfClosing = true;
        p += 2;
        break;
      }
      if (!hadSpace) return undefined;
      const attrEnd = scanName(text, p);
      if (attrEnd < 0) return undefined;
      const eq = skipSpace(text, attrEnd);
      if (text.charCodeAt(eq) !== 0x3d /* = */) return undefined;
      const quote = skipSpace(text, eq + 1);
      const q = text.charCodeAt(quote);
      if (q !== 0x22 && q !== 0x27) return undefined;
      const vStart = quote + 1;
      const vEnd = text.indexOf(q === 0x22 ? '"' : "'", vStart);
      if (vEnd < 0) return undefined;
      const rawValue = text.slice(vStart, vEnd);
      // Attribute-value normalisation (tabs and newlines become spaces) is left to saxes.
      if (rawValue.includes('<') || rawValue.includes('\t') || rawValue.includes('\n')) return undefined;
      const value = unescape(rawValue);
      if (value === undefined) return undefined;
      const attrName = text.slice(p, attrEnd);
      for (let k = 0; k < attrs.length; k++) if ((attrs[k] as [string, string])[0] === attrName) return undefined;
      attrs.push([attrName, value]);
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
        const prefix = attrName === 'xmlns' ? '' : attrName.slice(6);
        if (prefix === 'xml' || prefix === 'xmlns' || value === XML_NS || value === XMLNS_NS || (prefix !== '' && value === '')) return undefined;
        (ns ??= new Map()).set(prefix, value);
      }
      p = vEnd + 1;
    }
    const frame: Frame = { el: undefined as unknown as XmlElement, name, ns };
    stack.push(frame);
    const colon = name.indexOf(':');
    const uri = lookup(stack, colon < 0 ? '' : name.slice(0, colon));
    if (colon >= 0 && uri === undefined) return undefined;
    // Prefixed attributes need declared prefixes too (unprefixed ones are in no namespace), and two of them may not
    // name the same namespace and local name.
    let expanded: Set<string> | undefined;
    for (let a = 0; a < attrs.length; a++) {
      const k = (attrs[a] as [string, string])[0];
      const c = k.indexOf(':');
      if (c < 0 || k.slice(0, c) === 'xmlns') continue;
      const attrUri = lookup(stack, k.slice(0, c));
      if (attrUri === undefined) return undefined;
      const key = `{${attrUri}}${k.slice(c + 1)}`;
      if ((expanded ??= new Set()).has(key)) return undefined;
      expanded.add(key);
    }
    const el = new XmlElement(uri === undefined || uri === '' ? null : uri, colon < 0 ? name : name.slice(colon + 1), attrs);
    frame.el = el;
    const parent = stack[stack.length - 2];
    if (parent) parent.el.children.push(el);
    else root = el;
    if (selfClosing) stack.pop();
    i = p;
  }
  if (stack.length > 0 || !root) return undefined;
  return root;
}
