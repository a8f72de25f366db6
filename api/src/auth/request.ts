import type { FastifyRequest } from 'fastify';
import type { Scope } from '@custos/db';
import { ApiError } from '../errors.js';
import { scopeOf, type AppliancePrincipal, type UserPrincipal } from './principal.js';

/** The signed-in user of a `user` route (the auth hook guarantees one). */
export function userOf(request: FastifyRequest): UserPrincipal {
  const p = request.principal;
  if (p?.kind !== 'user') throw new ApiError('unauthenticated');
  return p;
}

export function applianceOf(request: FastifyRequest): AppliancePrincipal {
  const p = request.principal;
  if (p?.kind !== 'appliance') throw new ApiError('unauthenticated');
  return p;
}

export function scope(request: FastifyRequest): Scope {
  const p = request.principal;
  if (p === null) throw new ApiError('unauthenticated');
  return scopeOf(p);
}

/** Temporal client identity for a user: an opaque id, recorded in workflow history. */
export function temporalIdentity(p: UserPrincipal): string {
  return `custos-user:${p.userId}`;
}
