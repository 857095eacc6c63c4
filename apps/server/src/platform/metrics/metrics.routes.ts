import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { assertCan, can, type Actor } from '../authz.ts';
import { zDate, zUuid } from '../http/validation.ts';
import { sendXlsx } from '../io/tabular.ts';
import type { MetricScope } from './registry.ts';

const ScopeQuery = z.object({
  from: zDate.optional(), to: zDate.optional(), org: zUuid.optional(), groupBy: z.string().max(40).optional(),
});

/** The org scope a viewer may ask for: an org within their metrics grants. */
async function scopeFor(ctx: Ctx, actor: Actor, q: { from?: string; to?: string; org?: string }): Promise<MetricScope> {
  const today = legalDateOf(ctx.clock.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  const errors = [];
  if (from > to) errors.push({ path: 'query.from', message: '开始日期不能晚于结束日期' });
  if (errors.length) throw new AppError('validation_failed', '统计期间有误', { errors });
  let orgPath: string | null = null;
  if (q.org) {
    const o = await ctx.db.selectFrom('orgs').select(['path', 'regionCode']).where('id', '=', q.org).executeTakeFirst();
    if (!o) throw new AppError('validation_failed', '机构不存在', { errors: [{ path: 'query.org', message: '机构不存在' }] });
    if (!can(actor, 'metrics.view', { orgPaths: [o.path] })) throw new AppError('forbidden', '您不能查看该机构的统计');
    orgPath = o.path;
  } else if (!actor.grants.some((g) => g.subtree && g.orgPath.split('/').filter(Boolean).length === 1 && ['admin', 'leader', 'supervisor'].includes(g.role))) {
    // Without county-wide rights, default to the first org the actor may see metrics of.
    const g = actor.grants.find((x) => can(actor, 'metrics.view', { orgPaths: [x.orgPath] }));
    if (!g) throw new AppError('forbidden', '您没有查看统计的权限');
    orgPath = g.orgPath;
  }
  return { from, to, orgPath, region: ctx.config.defaultRegion };
}

export async function metricRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/metrics', { schema: { tags: ['统计'], summary: '已登记的指标' } }, async (req) => {
    assertCan(req.actor, 'metrics.view');
    return [...ctx.registry.metrics.values()].map(({ compute: _c, drilldown: _d, ...m }) => m);
  });

  app.get('/metrics/:key', { schema: { tags: ['统计'], summary: '指标值（期间、机构、分组）', params: z.object({ key: z.string().max(80) }), querystring: ScopeQuery } }, async (req) => {
    assertCan(req.actor, 'metrics.view');
    const m = ctx.registry.metrics.get(req.params.key);
    if (!m) throw notFound('指标');
    if (req.query.groupBy && !m.dimensions.some((d) => d.key === req.query.groupBy)) {
      throw new AppError('validation_failed', '不支持的分组', { errors: [{ path: 'query.groupBy', message: `应为 ${m.dimensions.map((d) => d.key).join('/')} 之一` }] });
    }
    const scope = await scopeFor(ctx, req.actor, req.query);
    const v = await m.compute(ctx.db, scope, req.query.groupBy);
    return { key: m.key, label: m.label, unit: m.unit, definition: m.definition, basis: m.basis, from: scope.from, to: scope.to, ...v };
  });

  app.get('/metrics/:key/drilldown', {
    schema: { tags: ['统计'], summary: '指标背后的记录', params: z.object({ key: z.string().max(80) }), querystring: ScopeQuery.extend({ group: z.string().max(100).optional(), cursor: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(50), format: z.enum(['json', 'xlsx']).default('json') }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'metrics.view');
    const m = ctx.registry.metrics.get(req.params.key);
    if (!m) throw notFound('指标');
    const scope = await scopeFor(ctx, req.actor, req.query);
    const xlsx = req.query.format === 'xlsx';
    const r = await m.drilldown(ctx.db, scope, { group: req.query.group, groupBy: req.query.groupBy, limit: xlsx ? 100000 : req.query.limit, offset: xlsx ? 0 : req.query.cursor });
    if (xlsx) return sendXlsx(reply, m.label, r.columns, r.items);
    const next = req.query.cursor + r.items.length;
    return { key: m.key, label: m.label, columns: r.columns, items: r.items, total: r.total, nextCursor: next < r.total ? next : null };
  });
}
