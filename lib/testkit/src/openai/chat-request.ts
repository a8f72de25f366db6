/**
 * Validation of `POST /v1/chat/completions` bodies the way the OpenAI API does it: required fields,
 * types and ranges, known roles, unrecognised arguments refused, and the structured-output
 * response_format checked for strict-mode compatibility. Errors use the API's error envelope.
 */
import { checkStrictSchema, StrictSchemaError } from './strict-schema.js';

export interface ApiError {
  status: number;
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  responseFormat: { type: 'json_schema'; name: string; strict: boolean; schema: Record<string, unknown> } | { type: 'text' | 'json_object' } | undefined;
  maxTokens: number | undefined;
  temperature: number | undefined;
  /** The body as received, for assertions. */
  raw: Record<string, unknown>;
}

const KNOWN_ARGUMENTS = new Set([
  'model', 'messages', 'response_format', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'n', 'stop', 'seed', 'user', 'stream',
  'presence_penalty', 'frequency_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'tools', 'tool_choice', 'parallel_tool_calls', 'metadata', 'store',
  'service_tier', 'reasoning_effort', 'stream_options', 'modalities', 'prediction', 'audio', 'verbosity', 'prompt_cache_key', 'safety_identifier',
]);
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const invalid = (message: string, param: string | null, code: string | null = null, status = 400): ApiError => ({
  status,
  error: { message, type: 'invalid_request_error', param, code },
});

function messageContent(content: unknown, i: number): string | ApiError {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts: string[] = [];
    for (const [j, part] of content.entries()) {
      const p = part as { type?: unknown; text?: unknown };
      if (p?.type !== 'text' || typeof p.text !== 'string') return invalid(`Invalid value for 'messages[${i}].content[${j}]': expected a text part.`, `messages[${i}].content[${j}]`);
      parts.push(p.text);
    }
    return parts.join('');
  }
  return invalid(`Invalid type for 'messages[${i}].content': expected one of a string or array of objects.`, `messages[${i}].content`, 'invalid_type');
}

export function validateChatRequest(body: unknown, models: ReadonlySet<string>): ChatRequest | ApiError {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return invalid('The request body must be a JSON object.', null);
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!KNOWN_ARGUMENTS.has(key)) return invalid(`Unrecognized request argument supplied: ${key}`, null);
  if (typeof b.model !== 'string' || b.model === '') return invalid('you must provide a model parameter', 'model');
  if (!models.has(b.model)) return invalid(`The model \`${b.model}\` does not exist or you do not have access to it.`, null, 'model_not_found', 404);
  if (!Array.isArray(b.messages)) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (b.messages.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  const messages: ChatMessage[] = [];
  for (const [i, m] of (b.messages as unknown[]).entries()) {
    const msg = m as { role?: unknown; content?: unknown };
    if (typeof msg?.role !== 'string' || !ROLES.has(msg.role)) {
      return invalid(`Invalid value: '${String(msg?.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.`, `messages[${i}].role`, 'invalid_value');
    }
    const content = messageContent(msg.content, i);
    if (typeof content !== 'string') return content;
    messages.push({ role: msg.role as ChatMessage['role'], content });
  }
  if (b.temperature !== undefined && (typeof b.temperature !== 'number' || b.temperature < 0 || b.temperature > 2)) {
    return invalid(`Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${String(b.temperature)} instead.`, 'temperature', 'decimal_above_max_value');
  }
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
    return invalid(`Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got ${String(maxTokens)} instead.`, 'max_completion_tokens', 'integer_below_min_value');
  }
  if (b.n !== undefined && b.n !== 1) return invalid('This scripted endpoint answers n=1 only.', 'n');
  if (b.stream === true) return invalid('This scripted endpoint does not stream.', 'stream');

  let responseFormat: ChatRequest['responseFormat'];
  if (b.response_format !== undefined) {
    const rf = b.response_format as { type?: unknown; json_schema?: unknown };
    if (rf?.type === 'text' || rf?.type === 'json_object') responseFormat = { type: rf.type };
    else if (rf?.type === 'json_schema') {
      const js = rf.json_schema as { name?: unknown; strict?: unknown; schema?: unknown } | undefined;
      if (!js || typeof js !== 'object') return invalid("Missing required parameter: 'response_format.json_schema'.", 'response_format.json_schema', 'missing_required_parameter');
      if (typeof js.name !== 'string' || !SCHEMA_NAME.test(js.name)) {
        return invalid("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", 'response_format.json_schema.name', 'invalid_value');
      }
      if (js.strict !== undefined && typeof js.strict !== 'boolean') return invalid("Invalid type for 'response_format.json_schema.strict': expected a boolean.", 'response_format.json_schema.strict', 'invalid_type');
      if (js.strict === true) {
        try {
          checkStrictSchema(js.name, js.schema);
        } catch (err) {
          if (err instanceof StrictSchemaError) return invalid(err.message, 'response_format', null);
          throw err;
        }
      }
      responseFormat = { type: 'json_schema', name: js.name, strict: js.strict === true, schema: (js.schema ?? {}) as Record<string, unknown> };
    } else return invalid(`Invalid value: '${String(rf?.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, 'response_format.type', 'invalid_value');
  }
  return {
    model: b.model,
    messages,
    responseFormat,
    maxTokens: maxTokens as number | undefined,
    temperature: b.temperature as number | undefined,
    raw: b,
  };
}
