import { error } from '@sveltejs/kit';
import { WorkflowNotFoundError, type WorkflowExecutionDescription, type WorkflowHandle } from '@temporalio/client';
import { SiteId } from '@custos/core';
import type { Api } from '../api/client.js';
import type { SessionUser } from '../session.js';
import { temporal } from './client.js';

export interface AuthorisedRun {
  handle: WorkflowHandle;
  description: WorkflowExecutionDescription;
  siteId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A workflow run this user may read, or a 404 that does not say whether it exists. A run belongs
 * to the site in its `CustosSiteId` search attribute, and the user may read it only if the API
 * lets their own session read that site. Runs with no site (diagnostics) are for platform admins.
 */
export async function authoriseRun(user: SessionUser, api: Api, workflowId: string, runId?: string): Promise<AuthorisedRun> {
  const { client } = await temporal();
  const handle = client.workflow.getHandle(workflowId, runId);
  let description: WorkflowExecutionDescription;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) error(404, { message: 'Not found.' });
    throw err;
  }
  const siteId = description.typedSearchAttributes.get(SiteId) ?? null;
  if (siteId === null) {
    if (user.role !== 'platform_admin') error(404, { message: 'Not found.' });
  } else {
    if (!UUID.test(siteId)) error(404, { message: 'Not found.' });
    const site = await api.GET('/sites/{id}', { params: { path: { id: siteId } } });
    if (!site.data) {
      if (site.response.status === 401) error(401, { message: 'Sign in again.' });
      error(404, { message: 'Not found.' });
    }
  }
  return { handle: runId ? handle : client.workflow.getHandle(workflowId, description.runId), description, siteId };
}
