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
import type { CaseDeadlines } from './metrics/timeliness.ts';
import type { Ctx } from './context.ts';
import { accessPermissions, policy, systemActor, type Actor, type PermissionDef, type PolicyFn, type RoleDef, type RouteAccess } from './authz.ts';
import type { MigrationSource } from './db/migrate.ts';
import type { DesignationDef } from './orgs/designations.ts';
import type { SettingsDef } from './settings/settings.ts';
import { placeholdersOfKind, type DocumentDef } from './documents/types.ts';
import { templateProblems } from '@yifa/contracts';

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
  settings?: SettingsDef | readonly SettingsDef[];
  /** The name the platform acts under in this module's jobs and automatic steps. */
  systemActor?: string;
  caseTypes?: CaseType[];
  /** The 文书 it issues on its cases: kind, label, the steps after which, the default template and 文号 rule (platform/documents). */
  documents?: DocumentDef[];
  rules?: ClockRule[];
  metrics?: MetricDef[];
  /**
   * Per case type of the module: the act each clock waits for (an answer, a decision…) and the clock of 办结 (`main`).
   * Metrics count a clock as met only by its act done in time (platform/metrics/timeliness.ts); the spine's 按期办结率
   * reads the main clocks. A stop by any other action (withdrawal, termination…) is never met.
   */
  deadlines?: Record<string, CaseDeadlines>;
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
  /**
   * The module's writes for a new case of any type, sent in the statement that writes the case row (no statement of their
   * own): made from the event notice alone, before the row exists. They run on that statement's snapshot — they may read
   * other tables (orgs, their own rows), never the new case's — and must not touch a row another write of it touches.
   * onCaseEvent follows for 'open' as for every act, in its own statements: what needs a read goes there.
   */
  caseOpenWrites?: (trx: import('./db/client.ts').Tx, e: OpenedCaseNotice, ctx: Ctx) => readonly import('kysely').OperationNodeSource[];
  /**
   * The module's writes for an act on a case of any type, sent in the statement that writes the act's event, clocks and
   * case row (no statement of their own). They run on that statement's snapshot: what they read of the case — its row,
   * clocks, events, the module's projection of it — is as it was before the act (the 12345 rollup keeps a ticket's
   * state before its first act since the last refresh this way). They must not touch a row another write of it touches.
   */
  caseActWrites?: (trx: import('./db/client.ts').Tx, e: { caseId: string; type: string; regionCode: string; action: string }, ctx: Ctx)
    => readonly import('kysely').OperationNodeSource[];
  /**
   * Columns of the module's tables that copy a case's number when the case is opened (its onCaseEvent for 'open'). A new
   * case is numbered last in its transaction (the counter's row lock is held for the fewest statements): until then the
   * case and these copies carry a placeholder, replaced in the statement that takes the number. A test scans every table
   * for a placeholder left behind, so a copy not declared here is caught.
   */
  caseNumberCopies?: { table: string; column: string; caseIdColumn: string }[];
  /** Periodic jobs of the module (run like the spine's deadline sweep; tests call runJob). */
  jobs?: import('./jobs/runner.ts').Job[];
  /**
   * What the module's audit records say in words: action code → label ('hotline.kb.create' → '新增知识库条目') and target type →
   * label ('hotline_kb' → '知识库条目'). The audit log shows these, never the codes (platform/audit/labels.ts).
   */
  auditLabels?: { actions?: Record<string, string>; targets?: Record<string, string> };
  /** Columns holding field-encrypted personal data (for key rotation). */
  encryptedColumns?: import('./crypto/rotate.ts').EncryptedColumns[];
  /**
   * Public tracking of a number that is not a case's (e.g. a 情景式 receipt QJ-…): the public view when the number and the
   * factor (receipt code or phone) fit, else null. Every number a citizen receives can be tracked on /public/track.
   */
  publicTrack?: (ctx: Ctx, conn: import('./db/client.ts').Conn, number: string, region: string, factor: { code?: string; phone?: string }) => Promise<object | null>;
  /** Entry points on the portal's home page. */
  portalEntries?: { key: string; label: string; description: string; href: string }[];
  /** Logins of 示范县 this module needs (a post of its own role); created with the spine's and printed at start. */
  demoUsers?: import('../demo/seed.ts').DemoUser[];
  /** Demo data for 示范县, run by `yifa demo` and on first start (after the spine's orgs and users). */
  seed?: (ctx: Ctx, demo: import('../demo/seed.ts').DemoCounty) => Promise<void>;
}

export interface CaseEventNotice {
  caseId: string;
  type: string;
  number: string;
  orgId: string;
  regionCode: string;
  action: string;
  fromState: string | null;
  toState: string;
  /** The new state ends the case. */
  terminal: boolean;
  input: Record<string, unknown>;
  actorId: string | null;
  /** Who acted, as named in the event (a person, a token's user, the public, a module's system actor). */
  actorName: string;
  /** When the act happened (its legal time; may be earlier than when it was recorded). */
  at: Date;
  /** Set when the act was recorded later than it happened: when it was keyed in. */
  recordedAt?: Date;
  /**
   * A new case as the engine has just written it (action 'open' only), for a projection that needs no read back: its row
   * (under the placeholder number), its clocks and its parties' ids and phone indexes.
   */
  opened?: {
    state: string; data: Record<string, unknown>; createdAt: Date; updatedAt: Date; closedAt: Date | null;
    clocks: readonly { key: string; dueAt: Date | null; status: string; metDeadline: boolean | null }[];
    parties: readonly { id: string; phoneIndex: string | null }[];
  };
}

/** The notice of a new case ('open'), with the case as the engine writes it. */
export type OpenedCaseNotice = CaseEventNotice & { action: 'open'; opened: NonNullable<CaseEventNotice['opened']> };

export class Registry {
  readonly caseTypes = new Map<string, CaseType>();
  readonly documents = new Map<string, DocumentDef & { module: string; moduleLabel: string }>();
  readonly rules: ClockRule[] = [];
  readonly metrics = new Map<string, MetricDef>();
  readonly deadlines = new Map<string, CaseDeadlines>();
  readonly modules: ModuleManifest[] = [];
  readonly designations = new Map<string, DesignationDef & { module: string }>();
  readonly settings = new Map<string, SettingsDef & { moduleLabel: string }>();
  /** 'METHOD /path' → who may call it (from every manifest's routeAccess). */
  readonly routeAccess = new Map<string, { access: RouteAccess; module: string }>();
  /** Every module's caseNumberCopies. */
  readonly caseNumberCopies: { table: string; column: string; caseIdColumn: string }[] = [];

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
    for (const d of m.documents ?? []) {
      if (this.documents.has(d.kind)) throw new Error(`duplicate document kind ${d.kind}`);
      if (!d.kind.startsWith(`${m.id}.`)) throw new Error(`document kind ${d.kind} of ${m.id} must start with "${m.id}."`);
      const problems = templateProblems(d.template, placeholdersOfKind(d));
      if (problems.length) throw new Error(`document ${d.kind}: default template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      this.documents.set(d.kind, { ...d, module: m.id, moduleLabel: m.label });
    }
    this.rules.push(...(m.rules ?? []));
    for (const copy of m.caseNumberCopies ?? []) {
      if (![copy.table, copy.column, copy.caseIdColumn].every((x) => /^[a-z][a-z0-9_]*$/.test(x))) throw new Error(`${m.id}: bad caseNumberCopies entry`);
      this.caseNumberCopies.push(copy);
    }
    for (const metric of m.metrics ?? []) {
      if (this.metrics.has(metric.key)) throw new Error(`duplicate metric ${metric.key}`);
      this.metrics.set(metric.key, metric);
    }
    for (const [type, d] of Object.entries(m.deadlines ?? {})) {
      if (!(m.caseTypes ?? []).some((t) => t.workflow.type === type)) throw new Error(`${m.id}: deadlines for case type ${type} it does not declare`);
      if (d.main && !d.clocks[d.main]) throw new Error(`${m.id}: main clock ${d.main} of ${type} has no acts`);
      this.deadlines.set(type, d);
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
    for (const d of m.settings ? [m.settings].flat() : []) {
      // one per module, or several named '<module>.<part>' (the spine's own and its 消息通知)
      if (d.module !== m.id && !d.module.startsWith(`${m.id}.`)) throw new Error(`settings of ${m.id} say module ${d.module}`);
      if (this.settings.has(d.module)) throw new Error(`settings ${d.module} declared twice`);
      this.settings.set(d.module, { ...d, moduleLabel: d.label ?? m.label });
    }
  }

  /** After every module is added: every role a workflow or permission names must be declared. */
  check(): void {
    const known = new Set(policy.roles.keys());
    const problems: string[] = this.documentProblems(known);
    for (const [key, r] of policy.roles) for (const p of r.permissions ?? []) if (!policy.permissions.has(p)) problems.push(`role ${key}: permission ${p}`);
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
    for (const [type, d] of this.deadlines) {
      const actions = new Set(Object.values(this.caseTypes.get(type)!.workflow.transitions).flatMap((acts) => Object.keys(acts ?? {})));
      for (const [clock, a] of Object.entries(d.clocks)) {
        for (const act of [...a.acts, ...(a.ends ?? [])]) if (!actions.has(act)) problems.push(`${type} deadlines.${clock}: unknown action ${act}`);
      }
    }
    // the permissions a workflow names (view, create, actions) must be declared
    for (const t of this.caseTypes.values()) {
      const w = t.workflow;
      const named = [...(w.view ?? []), w.create.permission, ...Object.values(w.transitions).flatMap((acts) => Object.values(acts ?? {}).map((a) => a.permission))];
      for (const p of named) if (p !== undefined && !policy.permissions.has(p)) problems.push(`${w.type}: permission ${p}`);
    }
    // every clock a workflow starts runs under a rule of the table (with ruleField: `rule` or a variant of it)
    const rules = new Set(this.rules.map((r) => r.key));
    for (const t of this.caseTypes.values()) {
      const w = t.workflow;
      const effects = [...(w.create.clocks ?? []), ...Object.values(w.transitions).flatMap((acts) => Object.values(acts ?? {}).flatMap((a) => [...(a.clocks ?? [])]))];
      const started = new Set(effects.flatMap((e) => ('start' in e ? [e.start] : [])));
      for (const e of effects) {
        if ('ifMet' in e && e.ifMet && !started.has(e.ifMet)) problems.push(`${w.type}: ifMet names clock ${e.ifMet}, which no action starts`);
        if (!('start' in e)) continue;
        const ruleKnown = rules.has(e.rule) || (e.ruleField !== undefined && [...rules].some((k) => k.startsWith(`${e.rule}.`)));
        if (!ruleKnown) problems.push(`${w.type}: clock ${e.start} rule ${e.rule}`);
      }
    }
    if (problems.length) throw new Error(`undeclared roles, permissions, actions or clock rules: ${problems.join('; ')}`);
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

  /** Each declared 文书 names a case type, its actions and roles that exist. */
  private documentProblems(known: Set<string>): string[] {
    const problems: string[] = [];
    for (const d of this.documents.values()) {
      const w = this.workflow(d.caseType);
      if (!w) { problems.push(`document ${d.kind}: case type ${d.caseType}`); continue; }
      // 'open': the create event (a document of the case's opening, e.g. a 立案审批表)
      const actions = new Set(['open', ...Object.values(w.transitions).flatMap((acts) => Object.keys(acts ?? {}))]);
      for (const a of d.after) if (!actions.has(a)) problems.push(`document ${d.kind}: action ${d.caseType}.${a}`);
      for (const r of d.roles ?? []) if (!known.has(r)) problems.push(`document ${d.kind}: role ${r}`);
    }
    return problems;
  }
}
