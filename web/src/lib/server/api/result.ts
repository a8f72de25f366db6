import { error, redirect } from '@sveltejs/kit';

/** The API's error body (api/src/errors.ts). */
export interface ApiErrorBody {
  error: string;
  message: string;
  field?: string;
  requestId: string;
}

/** A refused or failed API call, with what the API said. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.message ?? `the API answered ${status}`);
  }
  get code(): string | undefined {
    return this.body?.error;
  }
  get field(): string | undefined {
    return this.body?.field;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function errorBody(e: unknown): ApiErrorBody | undefined {
  return typeof e === 'object' && e !== null && 'error' in e && 'message' in e ? (e as ApiErrorBody) : undefined;
}

/** The data of a successful call, or an ApiFailure carrying the API's error. */
export async function ok<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const r = await call;
  if (r.response.ok && r.data !== undefined) return r.data;
  throw new ApiFailure(r.response.status, errorBody(r.error));
}

/**
 * For loads: the data, or the page error a user should see. 401 sends them to sign in again;
 * 403 and 404 keep the API's wording (a 404 never says whether the thing exists elsewhere).
 */
export async function load<T>(call: Promise<FetchResult<T>>, url: URL): Promise<T> {
  try {
    return await ok(call);
  } catch (err) {
    raisePageError(err, url);
  }
}

/** Turns an ApiFailure into the matching SvelteKit redirect or error (both throw); rethrows anything else. */
export function raisePageError(err: unknown, url: URL): never {
  if (!(err instanceof ApiFailure)) throw err;
  const requestId = err.body?.requestId;
  const extra = requestId ? { requestId } : {};
  if (err.status === 401) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  if (err.status === 403 || err.status === 400) error(err.status, { message: err.message, ...extra });
  if (err.status === 404) error(404, { message: 'Not found.', ...extra });
  error(502, { message: `The Central API failed (${err.status}): ${err.message}`, ...extra });
}
