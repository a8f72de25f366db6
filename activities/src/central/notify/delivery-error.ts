/** How a channel failed: `transient` is worth retrying (the same request may succeed later), `permanent` is not. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export const permanent = (message: string) => new DeliveryError(message, false);
export const transient = (message: string) => new DeliveryError(message, true);

/** HTTP statuses worth retrying: timeouts, too-early, rate limits and server errors. */
export function httpStatusIsTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
