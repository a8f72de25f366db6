/**
 * Response envelopes in the shape real Windows sends (recorded in pypsrp's test_winrs_*.yml, reference §1.3–1.9):
 * `s:` prefixes, xml:lang on the Envelope, RelatesTo echoing the request MessageID exactly, upper-case GUIDs.
 */
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, CMD_SHELL_URI, CommandState, NS, escapeXml } from '@custos/winrm/protocol';

const DECLS = `xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:x="${NS.x}" xmlns:w="${NS.w}" xmlns:rsp="${NS.rsp}" xmlns:p="${NS.p}"`;

export interface SoapReply {
  status: 200 | 500;
  xml: string;
}

export function envelope(action: string, relatesTo: string, body: string): string {
  return (
    `<s:Envelope xml:lang="en-US" ${DECLS}><s:Header>` +
    `<a:Action>${action}</a:Action><a:MessageID>uuid:${randomUUID().toUpperCase()}</a:MessageID>` +
    `<p:ActivityId>${randomUUID().toUpperCase()}</p:ActivityId><a:To>${ANONYMOUS}</a:To>` +
    (relatesTo ? `<a:RelatesTo>${escapeXml(relatesTo)}</a:RelatesTo>` : '') +
    `</s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

export function createResponse(relatesTo: string, address: string, shellId: string, owner: string, clientIp: string): string {
  return envelope(
    'http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse',
    relatesTo,
    `<x:ResourceCreated><a:Address>${escapeXml(address)}</a:Address><a:ReferenceParameters>` +
      `<w:ResourceURI>${CMD_SHELL_URI}</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">${shellId}</w:Selector></w:SelectorSet>` +
      `</a:ReferenceParameters></x:ResourceCreated>` +
      `<rsp:Shell xmlns:rsp="${NS.rsp}"><rsp:ShellId>${shellId}</rsp:ShellId><rsp:ResourceUri>${CMD_SHELL_URI}</rsp:ResourceUri>` +
      `<rsp:Owner>${escapeXml(owner)}</rsp:Owner><rsp:ClientIP>${escapeXml(clientIp)}</rsp:ClientIP><rsp:IdleTimeOut>PT7200.000S</rsp:IdleTimeOut>` +
      `<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>` +
      `<rsp:ShellRunTime>P0DT0H0M0S</rsp:ShellRunTime><rsp:ShellInactivity>P0DT0H0M0S</rsp:ShellInactivity></rsp:Shell>`,
  );
}

export const commandResponse = (relatesTo: string, commandId: string): string =>
  envelope(
    'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse',
    relatesTo,
    `<rsp:CommandResponse><rsp:CommandId>${commandId}</rsp:CommandId></rsp:CommandResponse>`,
  );

export function receiveResponse(relatesTo: string, commandId: string, stdout: Buffer, stderr: Buffer, exitCode: number | undefined): string {
  const stream = (name: string, data: Buffer, end: boolean): string =>
    `<rsp:Stream Name="${name}" CommandId="${commandId}"${end ? ' End="true"' : ''}>${data.toString('base64')}</rsp:Stream>`;
  let body = '';
  if (stdout.length) body += stream('stdout', stdout, false);
  if (stderr.length) body += stream('stderr', stderr, false);
  if (exitCode === undefined) {
    body += `<rsp:CommandState CommandId="${commandId}" State="${CommandState.Running}"></rsp:CommandState>`;
  } else {
    body +=
      stream('stdout', Buffer.alloc(0), true) +
      stream('stderr', Buffer.alloc(0), true) +
      `<rsp:CommandState CommandId="${commandId}" State="${CommandState.Done}"><rsp:ExitCode>${exitCode}</rsp:ExitCode></rsp:CommandState>`;
  }
  return envelope('http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse', relatesTo, `<rsp:ReceiveResponse>${body}</rsp:ReceiveResponse>`);
}

export const sendResponse = (relatesTo: string): string =>
  envelope('http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SendResponse', relatesTo, '<rsp:SendResponse/>');

export const signalResponse = (relatesTo: string): string =>
  envelope('http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse', relatesTo, '<rsp:SignalResponse/>');

export const deleteResponse = (relatesTo: string): string => envelope('http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse', relatesTo, '');

interface FaultSpec {
  code: 's:Sender' | 's:Receiver';
  subcode: string;
  reason: string;
  wsmanCode?: number;
  detail?: string;
}

export function fault(relatesTo: string, machine: string, f: FaultSpec): SoapReply {
  const wsman =
    f.wsmanCode === undefined
      ? ''
      : `<f:WSManFault xmlns:f="${NS.f}" Code="${f.wsmanCode}" Machine="${escapeXml(machine)}"><f:Message>${escapeXml(f.reason)}</f:Message></f:WSManFault>`;
  const xml = envelope(
    'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
    relatesTo,
    `<s:Fault><s:Code><s:Value>${f.code}</s:Value><s:Subcode><s:Value>${f.subcode}</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en-US">${escapeXml(f.reason)}</s:Text></s:Reason>` +
      `<s:Detail>${f.detail ?? ''}${wsman}</s:Detail></s:Fault>`,
  );
  return { status: 500, xml };
}

export const timedOutFault = (relatesTo: string, machine: string): SoapReply =>
  fault(relatesTo, machine, {
    code: 's:Receiver',
    subcode: 'w:TimedOut',
    reason: 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  ',
    wsmanCode: 2150858793,
  });

export const invalidSelectorsFault = (relatesTo: string, machine: string): SoapReply =>
  fault(relatesTo, machine, {
    code: 's:Sender',
    subcode: 'w:InvalidSelectors',
    reason: 'The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ',
    wsmanCode: 2150858843,
    detail: '<w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors</w:FaultDetail>',
  });

export const alreadyExistsFault = (relatesTo: string, machine: string): SoapReply =>
  fault(relatesTo, machine, {
    code: 's:Sender',
    subcode: 'w:AlreadyExists',
    reason: 'The WS-Management service cannot create the resource because it already exists. ',
  });

export const accessDeniedFault = (relatesTo: string, machine: string): SoapReply =>
  fault(relatesTo, machine, { code: 's:Sender', subcode: 'w:AccessDenied', reason: 'Access is denied. ', wsmanCode: 5 });

export const busyFault = (relatesTo: string, machine: string): SoapReply =>
  fault(relatesTo, machine, { code: 's:Receiver', subcode: 'w:InternalError', reason: 'The requested resource is in use. ', wsmanCode: 170 });

export const actionNotSupportedFault = (relatesTo: string, machine: string, action: string): SoapReply =>
  fault(relatesTo, machine, {
    code: 's:Sender',
    subcode: 'a:ActionNotSupported',
    reason: `The action is not supported by the service. ${action}`,
    wsmanCode: 2150858754,
  });

export const invalidRequestFault = (machine: string, reason: string): SoapReply =>
  fault('', machine, { code: 's:Sender', subcode: 'w:SchemaValidationError', reason, wsmanCode: 2150858817 });

export function identifyResponse(authenticated: boolean): string {
  return (
    `<s:Envelope xmlns:s="${NS.s}" xmlns:wsmid="${NS.wsmid}"><s:Header/><s:Body><wsmid:IdentifyResponse>` +
    `<wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd</wsmid:ProtocolVersion>` +
    `<wsmid:ProductVendor>Microsoft Corporation</wsmid:ProductVendor>` +
    (authenticated ? `<wsmid:ProductVersion>OS: 10.0.20348 SP: 0.0 Stack: 3.0</wsmid:ProductVersion>` : '') +
    `<wsmid:SecurityProfiles><wsmid:SecurityProfileName>http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/spnego-kerberos</wsmid:SecurityProfileName></wsmid:SecurityProfiles>` +
    `</wsmid:IdentifyResponse></s:Body></s:Envelope>`
  );
}
