/**
 * Response parsing against the shapes real Windows sends (pypsrp's recorded test_winrs_*.yml responses, reference
 * §1.3–1.9), and the request envelope's header set.
 */
import { describe, expect, it } from 'vitest';
import { buildRequest, parseDuration, parseEnvelope } from './envelope.js';
import { isInvalidSelectors, isTimedOut, readFault } from './faults.js';
import { NS } from './namespaces.js';
import { child, descendants } from './xml.js';
import { commandBody, readCommandId, readReceive, readShellId } from './winrs.js';

const DECLS =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"';
const env = (action: string, body: string): string =>
  `<s:Envelope xml:lang="en-US" ${DECLS}><s:Header><a:Action>${action}</a:Action><a:MessageID>uuid:C145AC62-4409-47E6-AFA3-4A8D77C21AAF</a:MessageID><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:RelatesTo>uuid:81154310-1C68-4690-9BD0-EA693328825B</a:RelatesTo></s:Header><s:Body>${body}</s:Body></s:Envelope>`;

const CREATE = env(
  'http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse',
  '<x:ResourceCreated><a:Address>http://192.168.56.15:5985/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">CCF84E0D-D0B5-4CFB-95B5-BCF3BFE15F36</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated><rsp:Shell xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell"><rsp:ShellId>CCF84E0D-D0B5-4CFB-95B5-BCF3BFE15F36</rsp:ShellId><rsp:Owner>vagrant</rsp:Owner></rsp:Shell>',
);
const ID = 'D644A0EB-DE4D-4B3A-B4E9-CC6D2B1EF1F0';
const RUNNING = env(
  'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse',
  `<rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="${ID}">aGk=</rsp:Stream><rsp:Stream Name="stdout" CommandId="${ID}">Cg==</rsp:Stream><rsp:CommandState CommandId="${ID}" State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Running"></rsp:CommandState></rsp:ReceiveResponse>`,
);
const DONE = env(
  'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse',
  `<rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="${ID}">IGFnYWluCg==</rsp:Stream><rsp:Stream Name="stderr" CommandId="${ID}">w6k=</rsp:Stream><rsp:Stream Name="stdout" CommandId="${ID}" End="true"></rsp:Stream><rsp:Stream Name="stderr" CommandId="${ID}" End="true"></rsp:Stream><rsp:CommandState CommandId="${ID}" State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done"><rsp:ExitCode>4294967295</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`,
);
const fault = (code: string, subcode: string, reason: string, wsman: number, detail = ''): string =>
  env(
    'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
    `<s:Fault><s:Code><s:Value>${code}</s:Value><s:Subcode><s:Value>${subcode}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">${reason}</s:Text></s:Reason><s:Detail>${detail}<f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="${wsman}" Machine="192.168.56.11"><f:Message>${reason}</f:Message></f:WSManFault></s:Detail></s:Fault>`,
  );

describe('WinRS response parsing (recorded Windows shapes)', () => {
  it('takes the ShellId from the w:Selector of a CreateResponse, and RelatesTo/Action from the header', () => {
    const e = parseEnvelope(CREATE);
    expect(readShellId(e)).toBe('CCF84E0D-D0B5-4CFB-95B5-BCF3BFE15F36');
    expect(e.relatesTo).toBe('uuid:81154310-1C68-4690-9BD0-EA693328825B');
    expect(e.action).toMatch(/CreateResponse$/);
  });

  it('reads streams per Receive and finishes only on CommandState/Done, exit code as a DWORD', () => {
    const first = readReceive(parseEnvelope(RUNNING), ID);
    expect(first.done).toBe(false);
    expect(Buffer.concat(first.stdout).toString()).toBe('hi\n');
    const last = readReceive(parseEnvelope(DONE), ID.toLowerCase());
    expect(last).toMatchObject({ done: true, exitCode: 4294967295 });
    expect(Buffer.concat(last.stdout).toString()).toBe(' again\n');
    expect(Buffer.concat(last.stderr).toString()).toBe('é');
  });

  it('reads a CommandResponse and complains when parts are missing', () => {
    expect(readCommandId(parseEnvelope(env('x', `<rsp:CommandResponse><rsp:CommandId>${ID}</rsp:CommandId></rsp:CommandResponse>`)))).toBe(ID);
    expect(() => readCommandId(parseEnvelope(env('x', '<rsp:CommandResponse/>')))).toThrow(/no CommandId/);
    expect(() => readShellId(parseEnvelope(env('x', '')))).toThrow(/no ShellId/);
    expect(() => readReceive(parseEnvelope(env('x', '')), ID)).toThrow(/without rsp:ReceiveResponse/);
  });

  it('classifies the TimedOut and InvalidSelectors faults with pywinrm 0.5 fields', () => {
    const timedOut = readFault(parseEnvelope(fault('s:Receiver', 'w:TimedOut', 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  ', 2150858793)).body);
    expect(timedOut).toMatchObject({ code: 's:Receiver', subcode: 'w:TimedOut', wsmanFaultCode: 2150858793 });
    expect(isTimedOut(timedOut!)).toBe(true);
    const selectors = readFault(
      parseEnvelope(
        fault('s:Sender', 'w:InvalidSelectors', 'invalid selectors', 2150858843, '<w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors</w:FaultDetail>'),
      ).body,
    );
    expect(isInvalidSelectors(selectors!)).toBe(true);
    expect(isTimedOut(selectors!)).toBe(false);
    expect(readFault(parseEnvelope(CREATE).body)).toBeUndefined();
  });

  it('refuses what is not a SOAP 1.2 envelope, naming the problem', () => {
    expect(() => parseEnvelope('<html>500</html>', 'Receive response')).toThrow(/Receive response: root element is \{null\}html/);
    expect(() => parseEnvelope('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">', 'x')).toThrow(/x:/);
  });
});

describe('request envelopes', () => {
  it('carry the header set Windows expects, with selectors, options and an escaped body', () => {
    const { xml, messageId } = buildRequest({
      to: 'http://h:5985/wsman',
      action: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command',
      resourceUri: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd',
      selectors: { ShellId: 'ABC' },
      options: { WINRS_CONSOLEMODE_STDIN: 'TRUE' },
      body: commandBody('echo', ['<&> "x"']),
      maxEnvelopeSize: 153600,
      operationTimeoutSec: 20,
    });
    const e = parseEnvelope(xml);
    const h = e.header!;
    expect(e.messageId).toBe(messageId);
    expect(messageId).toMatch(/^uuid:[0-9A-F-]{36}$/);
    expect(child(h, NS.w, 'MaxEnvelopeSize')?.textContent).toBe('153600');
    expect(child(h, NS.w, 'OperationTimeout')?.textContent).toBe('PT20S');
    expect(descendants(h, NS.w, 'Selector')[0]?.getAttribute('Name')).toBe('ShellId');
    expect(descendants(h, NS.w, 'Option')[0]?.textContent).toBe('TRUE');
    expect(descendants(e.body, NS.rsp, 'Arguments')[0]?.textContent).toBe('<&> "x"');
  });

  it('parses WS-Man durations', () => {
    expect(parseDuration('PT20S')).toBe(20);
    expect(parseDuration('PT1.5S')).toBe(1.5);
    expect(parseDuration('PT0H1M0S')).toBe(60);
    expect(parseDuration('P1DT0H0M0S')).toBe(86400);
    expect(parseDuration('20')).toBeUndefined();
  });
});
