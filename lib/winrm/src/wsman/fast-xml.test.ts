import { describe, expect, it } from 'vitest';
import { buildRequest } from './envelope.js';
import { fastParse } from './fast-xml.js';
import { NS } from './namespaces.js';
import { commandBody, receiveBody, signalBody } from './winrs.js';
import { saxesParse, type XmlElement } from './xml.js';

/** Everything the tree exposes, so two parses can be compared. */
function shape(e: XmlElement, attrNames: string[]): unknown {
  return {
    ns: e.namespaceURI,
    local: e.localName,
    attrs: attrNames.map((n) => [n, e.getAttribute(n)]),
    text: e.textContent,
    children: e.children.map((c) => shape(c, attrNames)),
  };
}

const ATTRS = ['Name', 'CommandId', 'State', 'End', 'xml:lang', 's:mustUnderstand', 'env:mustUnderstand', 'xmlns', 'xmlns:s', 'xmlns:rsp', 'a', 'b'];

const request = (action: string, body: string): string =>
  buildRequest({ to: 'http://h:5985/wsman', action, resourceUri: NS.rsp, body, selectors: { ShellId: 'AB-CD' }, options: { WINRS_CODEPAGE: '65001' }, maxEnvelopeSize: 153600, operationTimeoutSec: 20 }).xml;

const ACCEPTED = [
  request('Command', commandBody('echo', ['a & b <c> "d" \'e\' ✓'], 'E2A4C1D0-0000-4000-8000-000000000001')),
  request('Receive', receiveBody('E2A4C1D0-0000-4000-8000-000000000001')),
  request('Signal', signalBody('E2A4C1D0-0000-4000-8000-000000000001', 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate')),
  // pywinrm's shape: env: prefix, declaration with single quotes, default namespace re-declared inside
  `<?xml version='1.0' encoding='utf-8'?>\n<env:Envelope xmlns:env="${NS.s}" xmlns:rsp="${NS.rsp}"><env:Header/><env:Body><rsp:Receive><rsp:DesiredStream CommandId="X">stdout stderr</rsp:DesiredStream></rsp:Receive><x xmlns="urn:d"><y/></x></env:Body></env:Envelope>`,
  `<s:Envelope xml:lang="en-US" xmlns:s="${NS.s}"><s:Body><rsp:ReceiveResponse xmlns:rsp="${NS.rsp}"><rsp:Stream Name="stdout" CommandId="A">aGk=</rsp:Stream><rsp:CommandState CommandId="A" State="Done"><rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse></s:Body></s:Envelope>`,
  '<a b="&#65;&#x42;&amp;&lt;&gt;&quot;&apos;">t&#x1F600;u &amp; v</a>',
  '  <a>\n <b a=\'1\'   b = "2" />\t</a>\n',
  '<a xmlns="urn:x"><b xmlns=""/></a>',
];

const REFUSED_BY_BOTH = [
  '',
  '<a><b></a>',
  '<x:a/>',
  '<a b="1" b="2"/>',
  '<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>',
  '<a>&e;</a>',
  '<a>&#0;</a>',
  '<a/><b/>',
  'text<a/>',
  '<a></a>tail',
  '<a b=1/>',
  '<a b="<"/>',
  '<a\u0001/>',
  '<a>]]></a>',
  '<a><p:b xmlns:p=""/></a>',
  ' <?xml version="1.0"?><a/>',
  '<a></b>',
  '<a>',
];

/** Valid, but outside the fast subset: saxes parses them. */
const HANDED_TO_SAXES = ['<a><![CDATA[x<y]]></a>', '<a><!-- c --></a>', '<?xml version="1.0"?><?pi x?><a/>', '<a b="x\ny"/>', '<a>x\r\ny</a>', '<añ/>', '<a>1 > 0</a>', '\uFEFF<a/>'];

describe('fastParse', () => {
  it('builds the same tree as saxes for the documents WS-Man carries', () => {
    for (const doc of ACCEPTED) {
      const fast = fastParse(doc);
      expect(fast, doc).toBeDefined();
      expect(shape(fast as XmlElement, ATTRS), doc).toEqual(shape(saxesParse(doc, 't'), ATTRS));
    }
  });

  it('never accepts what saxes refuses', () => {
    for (const doc of REFUSED_BY_BOTH) {
      expect(() => saxesParse(doc, 't'), JSON.stringify(doc)).toThrow();
      expect(fastParse(doc), JSON.stringify(doc)).toBeUndefined();
    }
  });

  it('leaves comments, CDATA, PIs, CR, non-ASCII names and BOMs to saxes', () => {
    for (const doc of HANDED_TO_SAXES) {
      expect(fastParse(doc), JSON.stringify(doc)).toBeUndefined();
      expect(() => saxesParse(doc, 't'), JSON.stringify(doc)).not.toThrow();
    }
  });
});
