export { md4 } from './md4.js';
export { Rc4, rc4 } from './rc4.js';
export { NegotiateFlag, CLIENT_NEGOTIATE_FLAGS } from './flags.js';
export { NtlmInitiator, NtlmRefusedError, type NtlmCredentials, type NtlmEntropy } from './initiator.js';
export { NtlmAcceptor, NtlmAuthError, type NtlmAcceptorOptions, type AcceptedContext } from './acceptor.js';
export { NtlmSession, NtlmSignatureError, SIGNATURE_LENGTH } from './session-security.js';
export { NtlmMessageError } from './messages.js';
