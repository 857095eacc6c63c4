/**
 * What modules declare, gathered in one place: case types (workflow + behaviour), deadline
 * rules, metrics. Built once from the module manifests in modules/index.ts.
 */
import type { ClockRule, Workflow } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { CaseType } from './cases/case-type.ts';
import { factPlan } from './cases/facts.ts';
import type { MetricDef } from './metrics/registry.ts';
import type { Ctx } from './context.ts';

export interface ModuleManifest {
  id: string;
  label: string;
  caseTypes?: CaseType[];
  rules?: ClockRule[];
  metrics?: MetricDef[];
  routes?: (app: FastifyInstance, ctx: Ctx) => Promise<void> | void;
  /** Routes outside /api/v1 (e.g. the Open311 GeoReport v2 endpoint at /open311/v2/); mark public ones `config: { public: true }`. */
  rootRoutes?: (app: FastifyInstance, ctx: Ctx) => Promise<void> | void;
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
  /** Demo data for 示范县, run by `yifa demo` and on first start. */
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
  at: Date;
}

export class Registry {
  readonly caseTypes = new Map<string, CaseType>();
  readonly rules: ClockRule[] = [];
  readonly metrics = new Map<string, MetricDef>();
  readonly modules: ModuleManifest[] = [];

  add(m: ModuleManifest): void {
    this.modules.push(m);
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
  }

  workflow(type: string): Workflow | undefined {
    return this.caseTypes.get(type)?.workflow;
  }
}
