/** The small element tree XML is parsed into (by saxes or the fast path), looked up by namespace URI and local name. */
export class XmlElement {
  readonly children: XmlElement[] = [];
  /** Text and CDATA directly inside this element, in order. */
  private readonly texts: string[] = [];
  private readonly attrs: Map<string, string>;

  constructor(
    readonly namespaceURI: string | null,
    readonly localName: string,
    attributes: Iterable<[string, string]>,
  ) {
    this.attrs = new Map(attributes);
  }

  /** Attribute by its name as written (`Name`, `xml:lang`), or null. */
  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }

  /** All text inside, descendants included (DOM textContent). */
  get textContent(): string {
    if (this.children.length === 0) return this.texts.join('');
    let out = this.texts.join('');
    for (const c of this.children) out += c.textContent;
    return out;
  }

  addText(text: string): void {
    this.texts.push(text);
  }

  /** Descendants (not this element) with this namespace (`*` for any) and local name, in document order. */
  getElementsByTagNameNS(ns: string, local: string): XmlElement[] {
    const out: XmlElement[] = [];
    const walk = (e: XmlElement): void => {
      for (const c of e.children) {
        if (c.localName === local && (ns === '*' || c.namespaceURI === ns)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}
