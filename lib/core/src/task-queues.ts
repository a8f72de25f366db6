/** Task queue names. Central runs all workflows; each site's appliance polls only its own queue. */

export const CENTRAL_TASK_QUEUE = 'central';

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isSiteId(value: string): boolean {
  return SITE_ID.test(value);
}

export function siteTaskQueue(siteId: string): string {
  if (!isSiteId(siteId)) throw new RangeError(`invalid site id "${siteId}": lower-case letters, digits and '-', 1–63 chars`);
  return `site.${siteId}`;
}

/** The site id a task queue belongs to, or undefined when it is not a site queue. */
export function siteIdOfTaskQueue(taskQueue: string): string | undefined {
  if (!taskQueue.startsWith('site.')) return undefined;
  const id = taskQueue.slice('site.'.length);
  return isSiteId(id) ? id : undefined;
}
