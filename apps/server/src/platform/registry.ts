/**
 * What the spine and the modules declare, gathered in one place: case types (workflow + behaviour),
 * deadline rules, metrics, roles, permissions and policies, designated orgs, settings, migrations,
 * jobs, routes and seeds. Built once from the spine's manifest (platform/spine.ts) and the module
 * manifests listed in modules/index.ts.
 */
import type { ClockRule, Workflow } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { CaseType } from './cases/case-type.ts';
import { factPlan } from './cases/facts.ts';
import type { MetricDef } from './metrics/registry.ts';
import type { Ctx } from './context.ts';
import { accessPermissions, policy, systemActor, type Actor, type PermissionDef, type PolicyFn, type RoleDef, type RouteAccess } from './authz.ts';
import type { MigrationSource } from './db/migrate.ts';
import type { DesignationDef } from './orgs/designations.ts';
import type { SettingsDef } from './settings/settings.ts';

export interface ModuleManifest {
  /** Stable id (kebab-case): names its migrations, settings, permissions' owner and system actor. */
  id: string;
  label: string;
  /** Modules whose tables or read APIs this one uses (its migrations run after theirs). */
  dependsOn?: readonly string[];
  /** Absolute path of the module's `migrations/` folder (`path.join(import.meta.dirname, 'migrations')`). */
  migrations?: string;
  /** Roles the module adds to the spine's (e.g. a 审批 post); granted like any role. */
  roles?: Record<string, RoleDef>;
  /** Permissions the module's routes check with can(); shipped to the web as abilities. */
  permissions?: Record<string, PermissionDef>;
  /** Refines the module's own permissions (called by can() with the role/scope result). */
  policy?: PolicyFn;
  /**
   * Who may call each of the module's non-public routes, by 'METHOD /path' as registered (without
   * the /api/v1 prefix): a permission, any of several, or 'account'. Every route under /api/v1 and
   * /open311 is either `config: { public: true }` or listed here, or the app does not start; the
   * OpenAPI document shows it per operation (x-permissions, x-token-scopes).
   */
  routeAccess?: Record<string, RouteAccess>;
  /** Orgs with a legal role that the module needs a county to designate (司法局, 12345 中心…). */
  designations?: Record<string, DesignationDef>;
  /** The module's county settings: one record per region with history (platform/settings). */
  settings?: SettingsDef;
  /** The name the platform acts under in this module's jobs and automatic steps. */
  systemActor?: string;
  caseTypes?: CaseType[];
  rules?: ClockRule[];
  metrics?: MetricDef[];
  routes?: (app: FastifyInstance, ctx: Ctx) => Promise<void> | void;
  /** Routes outside /api/v1 (e.g. the Open311 GeoReport v2 endpoint at /open311/v2/); mark public ones `config: { public: true }`. */
  rootRoutes?: (app: FastifyInstance, ctx: Ctx) => Promise<void> | void;
  /**
   * For root routes with their own error format: answer a URL the router could not take (bad
   * %-escape, over-long parameter) and return true, or return false to leave it to problem+json.
   */
  frameworkError?: (err: import('fastify').FastifyError, req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => boolean;
  /**
   * Called in the same transaction after every case event of any type (open and every action):
   * how one module reacts to another's cases without reading its tables (e.g. 好差评 offering a
   * rating when a hotline ticket is finished).
   */
  onCaseEvent?: (trx: import('./db/client.ts').Tx, e: CaseEventNotice, ctx: Ctx) => Promise<void>;
  /** Periodic jobs of the module (run like the spine's deadline sweep; tests call runJob). */
  jobs?: import('./jobs/runner.ts').Job[];
  /** Columns holding field-encrypted personal data (for key rotation). */
  encryptedColumns?: import('./crypto/rotate.ts').EncryptedColumns[];
  /** Entry points on the portal's home page. */
  portalEntries?: { key: string; label: string; description: string; href: string }[];
  /** Demo data for 示范县, run by `yifa demo` and on first start (after the spine's orgs and users). */
  seed?: (ctx: Ctx, demo: import('../demo/seed.ts').DemoCounty) => Promise<void>;
}

export interface CaseEventNotice {
  caseId: string;
  type: string;
  number: string;
  orgId: string;
  action: string;
  fromState: string | null;
  toState: string;
  /** The new state ends the case. */
  terminal: boolean;
  input: Record<string, unknown>;
  actorId: string | null;
  /** When the act happened (its legal time; may be earlier than when it was recorded). */
  at: Date;
}

export class Registry {
  readonly caseTypes = new Map<string, CaseType>();
  readonly rules: ClockRule[] = [];
  readonly metrics = new Map<string, MetricDef>();
  readonly modules: ModuleManifest[] = [];
  readonly designations = new Map<string, DesignationDef & { module: string }>();
  readonly settings = new Map<string, SettingsDef & { moduleLabel: string }>();
  /** 'METHOD /path' → who may call it (from every manifest's routeAccess). */
  readonly routeAccess = new Map<string, { access: RouteAccess; module: string }>();

  add(m: ModuleManifest): void {
    if (this.modules.some((x) => x.id === m.id)) throw new Error(`duplicate module ${m.id}`);
    this.modules.push(m);
    policy.addRoles(m.id, m.roles ?? {});
    policy.addPermissions(m.id, m.permissions ?? {});
    if (m.policy) policy.policies.set(m.id, m.policy);
    for (const t of m.caseTypes ?? []) {
      if (this.caseTypes.has(t.workflow.type)) throw new Error(`duplicate case type ${t.workflow.type}`);
      factPlan(t.workflow); // a fact without a label stops the start
      this.caseTypes.set(t.workflow.type, t);
    }
    this.rules.push(...(m.rules ?? []));
    for (const metric of m.metrics ?? []) {
      if (this.metrics.has(metric.key)) throw new Error(`duplicate metric ${metric.key}`);
      this.metrics.set(metric.key, metric);
    }
    for (const [key, d] of Object.entries(m.designations ?? {})) {
      if (this.designations.has(key)) throw new Error(`duplicate designation ${key}`);
      this.designations.set(key, { ...d, module: m.id });
    }
    for (const [route, access] of Object.entries(m.routeAccess ?? {})) {
      if (!/^(GET|POST|PUT|PATCH|DELETE) \//.test(route)) throw new Error(`${m.id}: routeAccess key ${route} should be 'METHOD /path'`);
      if (this.routeAccess.has(route)) throw new Error(`route access for ${route} declared twice (${this.routeAccess.get(route)!.module}, ${m.id})`);
      this.routeAccess.set(route, { access, module: m.id });
    }
    if (m.settings) {
      if (m.settings.module !== m.id) throw new Error(`settings of ${m.id} say module ${m.settings.module}`);
      this.settings.set(m.id, { ...m.settings, moduleLabel: m.label });
    }
  }

  /** After every module is added: every role a workflow or permission names must be declared. */
  check(): void {
    const known = new Set(policy.roles.keys());
    const problems: string[] = [];
    for (const [key, p] of policy.permissions) for (const r of p.roles) if (!known.has(r)) problems.push(`permission ${key}: role ${r}`);
    for (const [route, { access }] of this.routeAccess) {
      for (const p of accessPermissions(access)) if (!policy.permissions.has(p)) problems.push(`route ${route}: permission ${p}`);
    }
    for (const t of this.caseTypes.values()) {
      const w = t.workflow;
      for (const r of w.create.roles) if (!known.has(r)) problems.push(`${w.type}.create: role ${r}`);
      for (const [state, acts] of Object.entries(w.transitions)) {
        for (const [name, a] of Object.entries(acts ?? {})) for (const r of a.roles) if (!known.has(r)) problems.push(`${w.type}.${state}.${name}: role ${r}`);
      }
    }
    if (problems.length) throw new Error(`undeclared roles or permissions: ${problems.join('; ')}`);
  }

  workflow(type: string): Workflow | undefined {
    return this.caseTypes.get(type)?.workflow;
  }

  /** Where each owner's migrations are, for the migrator (spine first). */
  migrationSources(): MigrationSource[] {
    return this.modules.filter((m) => m.migrations).map((m) => ({ module: m.id, dir: m.migrations as string, dependsOn: m.dependsOn }));
  }

  /**
   * The system actor a module declared (its jobs and automatic steps act as it); `purpose` names the
   * step in events and audit records: 「系统（好差评：默认评价）」.
   */
  systemActor(moduleId: string, purpose?: string): Actor {
    const m = this.modules.find((x) => x.id === moduleId);
    if (!m?.systemActor) throw new Error(`module ${moduleId} declares no systemActor`);
    return systemActor(moduleId, `系统（${m.systemActor}${purpose ? `：${purpose}` : ''}）`);
  }
}
