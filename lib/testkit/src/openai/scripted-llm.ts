/**
 * A local OpenAI-compatible endpoint for tests: real HTTP on 127.0.0.1, requests checked like the
 * real API (bearer key, model, messages, strict json_schema), answers taken from scripted cases —
 * including the malformed and hostile outputs a real model can produce. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { validateChatRequest, type ApiError, type ChatRequest } from './chat-request.js';

/** What the "model" answers. */
export type ScriptedReply =
  /** A well-formed completion whose content is this value as JSON. */
  | { kind: 'json'; content: unknown }
  /** A completion with exactly this content: malformed JSON, prose, markdown fences, injection text. */
  | { kind: 'text'; content: string }
  | { kind: 'refusal'; refusal: string }
  /** Cut off by max_tokens (finish_reason "length"). */
  | { kind: 'truncated'; content: string }
  /** An HTTP error from the API (429 rate limit, 500, 503), in the API's error envelope. */
  | { kind: 'http-error'; status: number; message?: string; code?: string }
  /** A body that is not JSON at all (a broken proxy in between). */
  | { kind: 'garbage'; status: number; body: string };

export interface ScriptedCase {
  /** For failure messages and `served`. */
  name: string;
  /** Which requests this case answers; default: any. Cases are tried in order, unused ones first. */
  match?: (request: ChatRequest) => boolean;
  reply: ScriptedReply | ((request: ChatRequest) => ScriptedReply);
  /** Answer this many matching requests (default 1); Infinity keeps it for good. */
  times?: number;
  /** Wait this long before answering (for client timeouts). */
  delayMs?: number;
  /** Token usage to report; default estimated from the text. */
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The validated request, when it passed validation. */
  chat?: ChatRequest;
  /** What was answered: a case name or the API error. */
  answeredBy: string;
  status: number;
}

export interface ScriptedLlm {
  /** Base URL to give the OpenAI SDK (`…/v1`). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly requests: readonly RecordedRequest[];
  /** Adds cases at the end of the script. */
  script(...cases: ScriptedCase[]): void;
  /** Cases that still have answers left (a test can assert the script was used up). */
  pending(): string[];
  close(): Promise<void>;
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', 'x-request-id': `req_${randomUUID()}` });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function completion(request: ChatRequest, c: ScriptedCase, reply: Exclude<ScriptedReply, { kind: 'http-error' | 'garbage' }>) {
  const content = reply.kind === 'json' ? JSON.stringify(reply.content) : reply.kind === 'refusal' ? null : reply.content;
  const prompt = request.messages.map((m) => m.content).join('\n');
  const usage = c.usage ?? { prompt_tokens: estimateTokens(prompt), completion_tokens: estimateTokens(content ?? (reply.kind === 'refusal' ? reply.refusal : '')) };
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: 'fp_scripted',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: reply.kind === 'refusal' ? reply.refusal : null, annotations: [] },
        logprobs: null,
        finish_reason: reply.kind === 'truncated' ? 'length' : 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export async function startScriptedLlm(opts: { models?: readonly string[]; apiKey?: string; cases?: ScriptedCase[] } = {}): Promise<ScriptedLlm> {
  const models = new Set(opts.models ?? ['gpt-4o-mini']);
  const apiKey = opts.apiKey ?? `sk-test-${randomUUID().replace(/-/g, '')}`;
  const cases: { c: ScriptedCase; left: number }[] = (opts.cases ?? []).map((c) => ({ c, left: c.times ?? 1 }));
  const requests: RecordedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, body: undefined, answeredBy: '', status: 0 };
    requests.push(record);
    const fail = (e: ApiError) => {
      record.answeredBy = e.error.code ?? e.error.message;
      record.status = e.status;
      send(res, e.status, { error: e.error });
    };
    const auth = req.headers.authorization;
    if (auth === undefined) return fail({ status: 401, error: { message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", type: 'invalid_request_error', param: null, code: null } });
    if (auth !== `Bearer ${apiKey}`) {
      const shown = auth.replace(/^Bearer\s+/, '');
      return fail({ status: 401, error: { message: `Incorrect API key provided: ${shown.slice(0, 3)}***${shown.slice(-4)}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    }
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/chat/completions') {
      return fail({ status: 404, error: { message: `Invalid URL (${req.method} ${req.url})`, type: 'invalid_request_error', param: null, code: null } });
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return fail({ status: 400, error: { message: 'Invalid Content-Type header; expected application/json.', type: 'invalid_request_error', param: null, code: null } });
    }
    let text: string;
    try {
      text = await readBody(req, 4 * 1024 * 1024);
      record.body = JSON.parse(text);
    } catch {
      return fail({ status: 400, error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', param: null, code: null } });
    }
    const chat = validateChatRequest(record.body, models);
    if ('status' in chat) return fail(chat);
    record.chat = chat;
    const entry = cases.find((e) => e.left > 0 && (e.c.match?.(chat) ?? true));
    if (!entry) {
      record.answeredBy = '(no scripted case)';
      record.status = 500;
      return send(res, 500, { error: { message: 'scripted LLM: no case left for this request', type: 'server_error', param: null, code: null } });
    }
    entry.left--;
    const { c } = entry;
    record.answeredBy = c.name;
    if (c.delayMs) await new Promise((r) => setTimeout(r, c.delayMs));
    if (res.destroyed) return;
    const reply = typeof c.reply === 'function' ? c.reply(chat) : c.reply;
    if (reply.kind === 'http-error') {
      record.status = reply.status;
      const type = reply.status === 429 ? 'requests' : reply.status >= 500 ? 'server_error' : 'invalid_request_error';
      return send(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type, param: null, code: reply.code ?? null } });
    }
    if (reply.kind === 'garbage') {
      record.status = reply.status;
      return send(res, reply.status, reply.body);
    }
    record.status = 200;
    send(res, 200, completion(chat, c, reply));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: String(err), type: 'server_error', param: null, code: null } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    script: (...more) => cases.push(...more.map((c) => ({ c, left: c.times ?? 1 }))),
    pending: () => cases.filter((e) => e.left > 0 && e.left !== Infinity).map((e) => e.c.name),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
