/**
 * Authorization in one place: `can(actor, permission, resource)`.
 *
 * A user holds roles on orgs (optionally their subtrees). A resource names the orgs that hold
 * it (by materialised path). 404 when the actor cannot see the resource, 403 when it can see
 * it but may not do the thing; routes use `assertVisible` / `assertCan` to get that right.
 */
import type { Role } from '@yifa/contracts';
import { AppError, notFound } from './http/problem.ts';

export type Permission =
  | 'org.view' | 'org.manage' | 'user.manage' | 'token.manage' | 'calendar.manage' | 'rules.manage'
  | 'audit.view' | 'case.view' | 'case.create' | 'case.reveal' | 'metrics.view' | 'notification.view';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['org.view', 'org.manage', 'user.manage', 'token.manage', 'calendar.manage', 'rules.manage', 'audit.view', 'case.view', 'metrics.view', 'notification.view'],
  leader: ['org.view', 'case.view', 'metrics.view', 'notification.view'],
  supervisor: ['org.view', 'audit.view', 'case.view', 'case.reveal', 'metrics.view', 'notification.view'],
  dispatcher: ['org.view', 'case.view', 'case.create', 'case.reveal', 'metrics.view', 'notification.view'],
  handler: ['org.view', 'case.view', 'case.create', 'case.reveal', 'notification.view'],
  reviewer: ['org.view', 'case.view', 'case.reveal', 'notification.view'],
};

/** Token scopes, and the permissions each one lets a machine client use. */
export const TOKEN_SCOPES = {
  'cases:read': ['case.view', 'org.view'],
  'cases:write': ['case.view', 'case.create', 'org.view'],
  'metrics:read': ['metrics.view'],
  'admin': ['org.view', 'org.manage', 'user.manage', 'calendar.manage', 'rules.manage', 'audit.view'],
  'open311': [],
} as const satisfies Record<string, readonly Permission[]>;
export type TokenScope = keyof typeof TOKEN_SCOPES;

export interface Grant { role: Role; orgId: string; orgPath: string; subtree: boolean }

export interface Actor {
  kind: 'user' | 'token' | 'public';
  userId: string | null;
  name: string;
  orgId: string | null;
  grants: Grant[];
  /** For tokens: what the token is limited to. */
  scopes?: string[];
  tokenId?: string;
  ip: string | null;
  /** For sessions: the CSRF token to echo. */
  sessionId?: string;
}

export const publicActor = (ip: string | null): Actor => ({ kind: 'public', userId: null, name: '公众', orgId: null, grants: [], ip });

/** A resource is held by orgs; pass their paths. Omit for global things (calendar, users). */
export interface Resource { orgPaths?: string[] }

export function grantCovers(g: Grant, orgPath: string): boolean {
  return g.subtree ? orgPath.startsWith(g.orgPath) : orgPath === g.orgPath;
}

function scopeAllows(actor: Actor, permission: Permission): boolean {
  if (actor.kind !== 'token') return true;
  return (actor.scopes ?? []).some((s) => (TOKEN_SCOPES[s as TokenScope] as readonly Permission[] | undefined)?.includes(permission));
}

/** The roles an actor holds over a resource. */
export function rolesOver(actor: Actor, resource: Resource = {}): Set<Role> {
  const roles = new Set<Role>();
  for (const g of actor.grants) {
    if (!resource.orgPaths || resource.orgPaths.some((p) => grantCovers(g, p))) roles.add(g.role);
  }
  return roles;
}

export function can(actor: Actor, permission: Permission, resource: Resource = {}): boolean {
  if (!scopeAllows(actor, permission)) return false;
  for (const role of rolesOver(actor, resource)) if (ROLE_PERMISSIONS[role].includes(permission)) return true;
  return false;
}

/** 401 for the public, 403 for a user who lacks the permission. */
export function assertCan(actor: Actor, permission: Permission, resource: Resource = {}, detail?: string): void {
  if (actor.kind === 'public') throw new AppError('unauthenticated');
  if (!can(actor, permission, resource)) throw new AppError('forbidden', detail ?? '您没有执行此操作的权限');
}

/** 404 when the actor cannot see it. */
export function assertVisible(actor: Actor, permission: Permission, resource: Resource, what: string): void {
  if (!can(actor, permission, resource)) throw notFound(what);
}
