/** The small element tree XML is parsed into (by saxes or the fast path), looked up by namespace URI and local name. */
export class XmlElement {
  readonly children: XmlElement[] = [];
  /** Text and CDATA directly inside this element, in order. */
  private text = '';

  constructor(
    readonly namespaceURI: string | null,
    readonly localName: string,
    /** As written, in order; a handful per element, so a list beats a Map to build and to search. */
    private readonly attrs: readonly (readonly [string, string])[],
  ) {}

  /** Attribute by its name as written (`Name`, `xml:lang`), or null. */
  getAttribute(name: string): string | null {
    for (let k = 0; k < this.attrs.length; k++) {
      const a = this.attrs[k] as readonly [string, string];
      if (a[0] === name) return a[1];
    }
    return null;
  }

  /** All text inside, descendants included (DOM textContent). */
  get textContent(): string {
    let out = this.text;
    for (const c of this.children) out += c.textContent;
    return out;
  }

  addText(text: string): void {
    this.text += text;
  }

  /** Descendants (not this element) with this namespace (`*` for any) and local name, in document order. */
  getElementsByTagNameNS(ns: string, local: string): XmlElement[] {
    const out: XmlElement[] = [];
    collect(this, ns, local, out);
    return out;
  }
}

function collect(e: XmlElement, ns: string, local: string, out: XmlElement[]): void {
  for (const c of e.children) {
    if (c.localName === local && (ns === '*' || c.namespaceURI === ns)) out.push(c);
    collect(c, ns, local, out);
  }
}
