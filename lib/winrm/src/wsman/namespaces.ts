/** WS-Management / WinRS namespaces, actions and URIs (reference winrm.md §1.2). */
export const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  a: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  w: 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd',
  p: 'http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd',
  rsp: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell',
  x: 'http://schemas.xmlsoap.org/ws/2004/09/transfer',
  f: 'http://schemas.microsoft.com/wbem/wsman/1/wsmanfault',
  wsmid: 'http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

export const ANONYMOUS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';
export const CMD_SHELL_URI = 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd';

export const Action = {
  Create: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Create',
  Delete: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete',
  Command: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command',
  Receive: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive',
  Send: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send',
  Signal: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal',
  Fault: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
} as const;

export const CommandState = {
  Done: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done',
  Running: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Running',
  Pending: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Pending',
} as const;

export const SignalCode = {
  Terminate: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate',
  CtrlC: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/ctrl_c',
  CtrlBreak: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/ctrl_break',
} as const;

/** WSManFault codes the client acts on (reference §1.9). */
export const WsmanFaultCode = {
  TimedOut: 2150858793,
  InvalidSelectors: 2150858843,
  AccessDenied: 5,
  Busy: 170,
} as const;
