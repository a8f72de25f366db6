export { WinrmClient, HostShell, type WinrmTarget, type WinrmClientOptions, type CommandResult, type ScriptRequest, type ScriptRun } from './client.js';
export {
  WinrmError,
  HostUnreachableError,
  AuthRefusedError,
  TlsMismatchError,
  WinrmTimeoutError,
  ScriptError,
  WsmanFaultError,
  WinrmProtocolError,
} from './errors.js';
export { probeHost, tcpProbe, identify, type HostProbe, type ListenerProbe, type TcpState, type ProbeOptions } from './probe.js';
export type { TransportKind } from './transport/http-session.js';
export type { TlsPinning } from './auth/tls.js';
export { normalizeFingerprint } from './auth/tls.js';
export { SCRIPT_PHASES, type ScriptPhase, type ScriptHeader, type CatalogueHeader, type AdhocHeader } from './powershell/stdin-frame.js';
export { ParamsError, type ScriptParams, type ParamValue } from './powershell/params.js';
export { BOOTSTRAP_SCRIPT } from './powershell/bootstrap.js';
