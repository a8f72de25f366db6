/**
 * The wire codecs, for the server side (the lab): NTLM acceptor and session security, message encryption framing,
 * WS-Man namespaces and XML reading, the script convention's stdin framing, CLIXML and Emit formats. The lab uses
 * these and never the client's state machine.
 */
export * from './auth/ntlm/index.js';
export { encryptMessage, decryptMessage, isEncryptedContentType, ENCRYPTED_CONTENT_TYPE, SOAP_CONTENT_TYPE } from './transport/encryption.js';
export { NS, Action, CommandState, SignalCode, WsmanFaultCode, CMD_SHELL_URI, ANONYMOUS } from './wsman/namespaces.js';
export { parseEnvelope, parseDuration, type ParsedEnvelope } from './wsman/envelope.js';
export { parseXml, child, children, descendant, descendants, textOf, escapeXml, XmlError } from './wsman/xml.js';
export { BOOTSTRAP_SCRIPT, decodeCommand, encodeCommand, isBootstrapCommandLine } from './powershell/bootstrap.js';
export { decodeStdin, encodeStdin, describeHeader, isCatalogueHeader, ScriptFrameError, SCRIPT_PHASES } from './powershell/stdin-frame.js';
export type { ScriptHeader, CatalogueHeader, AdhocHeader, ScriptPhase, DecodedStdin } from './powershell/stdin-frame.js';
export { encodeClixmlError, decodeStderr } from './powershell/clixml.js';
export { formatEmitted, readEmitted } from './powershell/result.js';
