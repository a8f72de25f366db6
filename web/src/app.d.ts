import type { Api } from '$lib/server/api/client';
import type { SessionUser } from '$lib/server/session';
import type { PublicUser } from '$lib/models/zones';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in user as the API sees them (GET /auth/me), or null. */
      user: SessionUser | null;
      /** The Central API, called with this user's session (never another's). */
      api: Api;
      requestId: string;
    }
    interface Error {
      message: string;
      requestId?: string;
    }
    interface PageData {
      user?: PublicUser | null;
    }
  }
}

export {};
