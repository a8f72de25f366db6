import { describe, expect, it } from 'vitest';
import { child, descendants, parseXml, textOf } from './xml.js';

describe('parseXml', () => {
  it('resolves elements by namespace URI whatever the prefix, and reads CDATA and entities as text', () => {
    const a = parseXml('<env:E xmlns:env="urn:s" xmlns:r="urn:r"><env:B><r:Arg><![CDATA[a<b]]></r:Arg><r:Arg>x &amp; y</r:Arg></env:B></env:E>', 't');
    const b = parseXml('<s:E xmlns:s="urn:s"><s:B><Arg xmlns="urn:r">a&lt;b</Arg></s:B></s:E>', 't');
    for (const doc of [a, b]) {
      const body = child(doc.documentElement, 'urn:s', 'B');
      expect(body).toBeDefined();
      expect(textOf(descendants(doc, 'urn:r', 'Arg')[0])).toBe('a<b');
    }
    expect(descendants(a, 'urn:r', 'Arg').map((e) => e.textContent)).toEqual(['a<b', 'x & y']);
    expect(descendants(a, 'urn:other', 'Arg')).toEqual([]);
  });

  it('keeps attributes by their written name', () => {
    const d = parseXml('<w:S xmlns:w="urn:w" Name="ShellId" xml:lang="en-US">ID</w:S>', 't');
    expect(d.documentElement.getAttribute('Name')).toBe('ShellId');
    expect(d.documentElement.getAttribute('xml:lang')).toBe('en-US');
    expect(d.documentElement.getAttribute('Missing')).toBeNull();
  });

  it('refuses malformed XML, unbound prefixes and DOCTYPEs, naming what was parsed', () => {
    expect(() => parseXml('<a><b></a>', 'Receive response')).toThrow(/^Receive response: /);
    expect(() => parseXml('<x:a/>', 'req')).toThrow(/req: .*prefix/i);
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', 'req')).toThrow(/req: /);
    expect(() => parseXml('', 'empty')).toThrow(/empty: /);
  });
});
