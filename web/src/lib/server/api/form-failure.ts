import { fail, type ActionFailure } from '@sveltejs/kit';

/**
 * An API refusal as a form failure: the API's message placed on the field it names (body.label →
 * label), or on the form as a whole. `which` says which form on the page it belongs to.
 */
export function apiFormFailure(which: string, response: Response, error: unknown): ActionFailure<{ which: string; errors: Record<string, string> }> {
  const e = error as { message?: string; field?: string } | undefined;
  const field = e?.field?.replace(/^body\./, '') ?? 'form';
  return fail(response.status >= 400 && response.status < 600 ? response.status : 502, { which, errors: { [field]: e?.message ?? `The API answered ${response.status}.` } });
}
