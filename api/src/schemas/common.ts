import { Type, type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const SiteParams = Type.Object({ siteId: Uuid }, { additionalProperties: false });

// Control characters, bidirectional overrides and zero-width characters are refused in names:
// they let a name render as something else in the dashboard or in an audit export.
const SAFE_TEXT = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]*$';

/** Human-readable text (names, labels, reasons). SQL metacharacters are fine: queries are parameterised. */
export const SafeText = (max: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({ minLength: options.minLength ?? 1, maxLength: max, pattern: SAFE_TEXT, ...(options.description && { description: options.description }) });

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'lower-case letters, digits and -' });
export const Severity = Type.Union([Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);
export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
};

export const ErrorBody = Type.Object({
  error: Type.String({ description: 'stable error code (see the error catalogue)' }),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'where the problem is, e.g. body.name' })),
  requestId: Type.String(),
});

/** The error responses every protected route can give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
};

export const Ok = Type.Object({ ok: Type.Literal(true) });
