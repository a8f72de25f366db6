export { startScriptedLlm, type ScriptedLlm, type ScriptedCase, type ScriptedReply, type RecordedRequest } from './scripted-llm.js';
export { validateChatRequest, type ChatRequest, type ChatMessage, type ApiError } from './chat-request.js';
export { checkStrictSchema, StrictSchemaError } from './strict-schema.js';
