/**
 * Authorization in one place: `can(actor, permission, resource)`.
 *
 * Permissions are declared — the spine's in platform/spine.ts, each module's in its manifest — with
 * the roles that hold them and the token scopes that let a machine client use them; a module may add
 * a `policy` that refines its own permissions. A user holds roles on orgs (optionally their subtrees);
 * a resource names the orgs that hold it (by materialised path). 404 when the actor cannot see the
 * resource, 403 when it can see it but may not do the thing; routes use `assertVisible` / `assertCan`.
 * The web receives the permissions a user holds somewhere as `abilities` and shows only what they allow.
 */
import type { Role } from '@yifa/contracts';
import { AppError, notFound } from './http/problem.ts';

/** A permission key, declared by the spine or a module ('case.view', 'hotline.catalog.manage'). */
export type Permission = string;

/** Token scopes: what a machine client may be limited to. */
export const TOKEN_SCOPES = {
  'cases:read': '读取案件与机构',
  'cases:write': '登记和办理案件',
  'metrics:read': '读取统计指标',
  admin: '系统管理（机构、用户、日历、规则、设置、审计）',
  open311: 'Open311 GeoReport v2 接口（提交与查询诉求）',
} as const;
export type TokenScope = keyof typeof TOKEN_SCOPES;
export const TOKEN_SCOPE_KEYS = Object.keys(TOKEN_SCOPES) as TokenScope[];

export interface PermissionDef {
  label: string;
  /** Roles that hold the permission over the orgs they are granted on (and their subtrees if so granted). */
  roles: readonly Role[];
  /** Token scopes under which an API token may use it (none: tokens never may). */
  scopes?: readonly TokenScope[];
}

export interface RoleDef {
  label: string;
  description?: string;
  /** Permissions of the spine or of other modules this role holds too (a module's role sees and works cases like staff do). */
  permissions?: readonly Permission[];
}

/**
 * A module's refinement of its own permissions: called after the role and scope check with its
 * result (`allowed`); returns the final answer (e.g. "only the 主办 unit", "not the same person").
 */
export type PolicyFn = (actor: Actor, permission: Permission, resource: Resource, allowed: boolean) => boolean;

export interface Grant { role: Role; orgId: string; orgPath: string; subtree: boolean }

export interface Actor {
  /**
   * user: a person logged in; token: a machine client acting for its user within its scopes; public:
   * anyone (portal, no login); system: the platform itself (a module's job, a default, a follow-up),
   * in-process only and never reachable from a request — it may do what its code does.
   */
  kind: 'user' | 'token' | 'public' | 'system';
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
  /** For system actors: the module acting. */
  module?: string;
  /** A person whose password was set by someone else (new or imported user): until changed, only their own account routes. */
  mustChangePassword?: boolean;
}

export const publicActor = (ip: string | null): Actor => ({ kind: 'public', userId: null, name: '公众', orgId: null, grants: [], ip });

/**
 * The platform acting on its own (jobs, defaults, a duplicate following its master): declared by the
 * module's manifest (`systemActor`), named in events and audit records, never a user.
 */
export function systemActor(module: string, name: string): Actor {
  return { kind: 'system', userId: null, name, orgId: null, grants: [], ip: null, module };
}

/** A resource is held by orgs; pass their paths. Omit for global things (calendar, users). */
export interface Resource { orgPaths?: string[] }

/** Declared permissions, roles and policies: filled by the registry from the spine and the module manifests. */
class PolicyTable {
  readonly permissions = new Map<Permission, PermissionDef & { module: string }>();
  readonly roles = new Map<Role, RoleDef & { module: string }>();
  readonly policies = new Map<string, PolicyFn>();

  addPermissions(module: string, perms: Record<Permission, PermissionDef>): void {
    for (const [key, def] of Object.entries(perms)) {
      const prev = this.permissions.get(key);
      if (prev && (prev.module !== module || prev.label !== def.label)) throw new Error(`permission ${key} declared twice (${prev.module}, ${module})`);
      this.permissions.set(key, { ...def, module });
    }
  }

  addRoles(module: string, roles: Record<Role, RoleDef>): void {
    for (const [key, def] of Object.entries(roles)) {
      const prev = this.roles.get(key);
      if (prev && prev.module !== module) throw new Error(`role ${key} declared twice (${prev.module}, ${module})`);
      this.roles.set(key, { ...def, module });
    }
  }

  permission(key: Permission): PermissionDef & { module: string } {
    const def = this.permissions.get(key);
    if (!def) throw new Error(`undeclared permission ${key}`);
    return def;
  }

  /** Does a role hold a permission: listed by the permission, or the role lists the permission. */
  holds(role: Role, permission: Permission): boolean {
    return this.permission(permission).roles.includes(role) || !!this.roles.get(role)?.permissions?.includes(permission);
  }
}

export const policy = new PolicyTable();

export function grantCovers(g: Grant, orgPath: string): boolean {
  return g.subtree ? orgPath.startsWith(g.orgPath) : orgPath === g.orgPath;
}

/** The roles an actor holds over a resource. */
export function rolesOver(actor: Actor, resource: Resource = {}): Set<Role> {
  const roles = new Set<Role>();
  for (const g of actor.grants) {
    if (!resource.orgPaths || resource.orgPaths.some((p) => grantCovers(g, p))) roles.add(g.role);
  }
  return roles;
}

/** Does a token's scope let it use this permission? (Always true for non-tokens.) */
export function scopeAllows(actor: Actor, permission: Permission): boolean {
  if (actor.kind !== 'token') return true;
  const scopes = policy.permission(permission).scopes ?? [];
  return (actor.scopes ?? []).some((s) => scopes.includes(s as TokenScope));
}

export function can(actor: Actor, permission: Permission, resource: Resource = {}): boolean {
  const def = policy.permission(permission);
  if (actor.kind === 'system') return true;
  if (actor.kind === 'public') return false;
  let allowed = scopeAllows(actor, permission) && [...rolesOver(actor, resource)].some((r) => policy.holds(r, permission));
  const refine = policy.policies.get(def.module);
  if (refine) allowed = refine(actor, permission, resource, allowed);
  return allowed;
}

/** The permissions an actor holds over at least one org: what the web may offer (the server decides each request). */
export function abilitiesOf(actor: Actor): Permission[] {
  return [...policy.permissions.keys()].filter((p) => can(actor, p)).sort();
}

/** 401 for the public, 403 for a user who lacks the permission. */
export function assertCan(actor: Actor, permission: Permission, resource: Resource = {}, detail?: string): void {
  if (actor.kind === 'public') throw new AppError('unauthenticated');
  if (!can(actor, permission, resource)) {
    if (!scopeAllows(actor, permission)) {
      const need = policy.permission(permission).scopes ?? [];
      throw new AppError('forbidden', need.length ? `该令牌的权限范围不含此操作（需要：${need.join(' 或 ')}）` : '此操作不能用 API 令牌执行');
    }
    throw new AppError('forbidden', detail ?? `您没有权限：${policy.permission(permission).label}`);
  }
}

/** 404 when the actor cannot see it. */
export function assertVisible(actor: Actor, permission: Permission, resource: Resource, what: string): void {
  if (!can(actor, permission, resource)) throw notFound(what);
}

/**
 * Who may call a route (besides `config: { public: true }`, which anyone may): a permission, any one
 * of several, or 'account' — the caller's own session or password, for a person logged in and never
 * for an API token. Declared per route in the manifests' `routeAccess` tables and checked by the app
 * before the request is validated (assertRouteAccess); the route's handler still checks the resource.
 */
export type RouteAccess = Permission | readonly Permission[] | 'account';

export const accessPermissions = (a: RouteAccess): Permission[] => (a === 'account' ? [] : [a].flat());

/** The token scopes under which an API token may call a route (none for 'account'). */
export function accessScopes(a: RouteAccess): TokenScope[] {
  return [...new Set(accessPermissions(a).flatMap((p) => policy.permission(p).scopes ?? []))].sort();
}

/**
 * The coarse check every non-public route gets: a token's scope must cover one of the route's
 * permissions, and the caller must hold one of them over some org. 401 for the public, 403 otherwise.
 */
export function assertRouteAccess(actor: Actor, access: RouteAccess): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'public') throw new AppError('unauthenticated', '请先登录');
  if (access === 'account') {
    if (actor.kind !== 'user') throw new AppError('forbidden', '此操作只能由登录用户本人执行，不能使用 API 令牌');
    return;
  }
  if (actor.kind === 'user' && actor.mustChangePassword) throw new AppError('password_change_required', '请先修改初始密码，然后才能办理其他事项');
  const perms = accessPermissions(access);
  if (!perms.some((p) => scopeAllows(actor, p))) {
    const need = accessScopes(access);
    throw new AppError('forbidden', need.length ? `该令牌的权限范围不含此操作（需要：${need.join(' 或 ')}）` : '此操作不能用 API 令牌执行');
  }
  if (!perms.some((p) => can(actor, p))) throw new AppError('forbidden', `您没有权限：${perms.map((p) => policy.permission(p).label).join(' 或 ')}`);
}
