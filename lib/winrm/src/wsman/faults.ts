/** SOAP 1.2 / WS-Man fault reading (reference §1.9); fields as pywinrm 0.5's WSManFaultError. */
import { NS, WsmanFaultCode } from './namespaces.js';
import { child, descendant, textOf, type Element } from './xml.js';

export interface WsmanFault {
  /** e.g. `s:Receiver` */
  code: string;
  /** e.g. `w:TimedOut` */
  subcode: string;
  reason: string;
  /** WSManFault@Code as a number (2150858793 for TimedOut), when present */
  wsmanFaultCode: number | undefined;
  wsmanMessage: string;
  wmiErrorCode: number | undefined;
}

/** Returns the fault in a response body, or undefined if the body holds none. */
export function readFault(body: Element): WsmanFault | undefined {
  const fault = child(body, NS.s, 'Fault');
  if (!fault) return undefined;
  const code = child(fault, NS.s, 'Code');
  const subcode = code && child(code, NS.s, 'Subcode');
  const reason = child(fault, NS.s, 'Reason');
  const wsman = descendant(fault, NS.f, 'WSManFault');
  const rawCode = wsman?.getAttribute('Code');
  const wmi = textOf(descendant(fault, '*', 'error_Code')).trim();
  return {
    code: textOf(code && child(code, NS.s, 'Value')).trim(),
    subcode: textOf(subcode && child(subcode, NS.s, 'Value')).trim(),
    reason: textOf(reason && child(reason, NS.s, 'Text')).trim(),
    wsmanFaultCode: rawCode && /^\d+$/.test(rawCode) ? Number(rawCode) : undefined,
    wsmanMessage: textOf(wsman && child(wsman, NS.f, 'Message')).trim(),
    wmiErrorCode: wmi && /^\d+$/.test(wmi) ? Number(wmi) : undefined,
  };
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

export const isTimedOut = (f: WsmanFault): boolean => f.wsmanFaultCode === WsmanFaultCode.TimedOut || localName(f.subcode) === 'TimedOut';
export const isInvalidSelectors = (f: WsmanFault): boolean =>
  f.wsmanFaultCode === WsmanFaultCode.InvalidSelectors || localName(f.subcode) === 'InvalidSelectors';
export const isAccessDenied = (f: WsmanFault): boolean => f.wsmanFaultCode === WsmanFaultCode.AccessDenied || localName(f.subcode) === 'AccessDenied';
