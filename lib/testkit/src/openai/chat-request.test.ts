import { describe, expect, it } from 'vitest';
import { validateChatRequest, type ApiError } from './chat-request.js';
import { checkStrictSchema } from './strict-schema.js';

const models = new Set(['gpt-4o-mini']);
const strictSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['a', 'b'],
  properties: { a: { type: 'string' }, b: { anyOf: [{ type: 'object', properties: {}, required: [], additionalProperties: false }, { type: 'null' }] } },
};
const body = (over: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'system', content: 'x' }, { role: 'user', content: [{ type: 'text', text: 'y' }] }],
  response_format: { type: 'json_schema', json_schema: { name: 'plan', strict: true, schema: strictSchema } },
  ...over,
});
const error = (r: unknown) => r as ApiError;

describe('validateChatRequest (as the real API checks)', () => {
  it('accepts a well-formed strict structured-output request', () => {
    const r = validateChatRequest(body(), models);
    expect('status' in r).toBe(false);
  });

  it.each([
    [{ model: 'gpt-9' }, 404, 'model_not_found'],
    [{ messages: [] }, 400, 'empty_array'],
    [{ messages: [{ role: 'robot', content: 'x' }] }, 400, 'invalid_value'],
    [{ messages: [{ role: 'user', content: 5 }] }, 400, 'invalid_type'],
    [{ temperature: 3 }, 400, 'decimal_above_max_value'],
    [{ max_tokens: 0 }, 400, 'integer_below_min_value'],
    [{ response_format: { type: 'xml' } }, 400, 'invalid_value'],
    [{ response_format: { type: 'json_schema', json_schema: { name: 'has space', strict: true, schema: strictSchema } } }, 400, 'invalid_value'],
  ])('refuses %j with %i', (over, status, code) => {
    const r = error(validateChatRequest(body(over), models));
    expect(r.status).toBe(status);
    expect(r.error.code).toBe(code);
  });

  it('refuses unknown arguments', () => {
    expect(error(validateChatRequest(body({ temprature: 0.1 }), models)).error.message).toBe('Unrecognized request argument supplied: temprature');
  });
});

describe('checkStrictSchema', () => {
  it.each([
    [{ anyOf: [{ type: 'object' }] }, /'anyOf' is not permitted at the root/],
    [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, /'additionalProperties' is required to be supplied and to be false/],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'string' } }, required: [] }, /Missing 'a'/],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'string', default: 'x' } }, required: ['a'] }, /context=\('properties', 'a'\), 'default' is not permitted/],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'string', minLength: 2 } }, required: ['a'] }, /'minLength' is not permitted/],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'array' } }, required: ['a'] }, /must have 'items'/],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] } }, required: ['a'] }, /context=\('properties', 'a'\), 'additionalProperties'/],
  ])('refuses %j', (schema, message) => {
    expect(() => checkStrictSchema('plan', schema)).toThrow(message);
  });

  it('refuses schemas nested deeper than 10 levels', () => {
    let s: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 11; i++) s = { type: 'object', additionalProperties: false, required: ['x'], properties: { x: s } };
    expect(() => checkStrictSchema('deep', s)).toThrow(/maximum depth/);
  });
});
