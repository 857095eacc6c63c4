import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { assertCan, can, type Actor } from '../authz.ts';
import { zDate, zUuid } from '../http/validation.ts';
import { sendXlsx } from '../io/tabular.ts';
import { METRIC_PARTS } from './registry.ts';
import { metricScope } from './scope.ts';

const ScopeQuery = z.object({
  from: zDate.optional(), to: zDate.optional(), org: zUuid.optional(), groupBy: z.string().max(40).optional(),
});

/**
 * Who reads figures: metrics.view (leaders, supervisors, the centre: over the orgs they are granted on, the county with a
 * root subtree grant) or metrics.own (handlers and reviewers: their own unit's figures on the workbench, never another's).
 */
export const METRIC_READERS = ['metrics.view', 'metrics.own'] as const;
const assertReader = (actor: Actor) => {
  if (!METRIC_READERS.some((p) => can(actor, p))) assertCan(actor, 'metrics.view');
};

export async function metricRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/metrics', { schema: { tags: ['统计'], summary: '已登记的指标' } }, async (req) => {
    assertReader(req.actor);
    return [...ctx.registry.metrics.values()].map(({ compute: _c, drilldown: _d, ...m }) => m);
  });

  app.get('/metrics/:key', { schema: { tags: ['统计'], summary: '指标值（期间、机构、分组）', params: z.object({ key: z.string().max(80) }), querystring: ScopeQuery } }, async (req) => {
    assertReader(req.actor);
    const m = ctx.registry.metrics.get(req.params.key);
    if (!m) throw notFound('指标');
    if (req.query.groupBy && !m.dimensions.some((d) => d.key === req.query.groupBy)) {
      throw new AppError('validation_failed', '不支持的分组', { errors: [{ path: 'query.groupBy', message: `应为 ${m.dimensions.map((d) => d.key).join('/')} 之一` }] });
    }
    const scope = await metricScope(ctx, req.actor, req.query, { permission: METRIC_READERS });
    const v = await m.compute(ctx.readDb, scope, req.query.groupBy);
    return { key: m.key, label: m.label, unit: m.unit, definition: m.definition, basis: m.basis, parts: m.parts, from: scope.from, to: scope.to, ...v };
  });

  app.get('/metrics/:key/drilldown', {
    schema: {
      tags: ['统计'], summary: '指标背后的记录（可只列分子、分母或无法判断的记录）', params: z.object({ key: z.string().max(80) }),
      querystring: ScopeQuery.extend({
        group: z.string().max(100).optional(),
        part: z.enum(METRIC_PARTS, '应为 numerator（分子）、denominator（分母）或 unknown（无法判断）').optional(),
        cursor: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(50), format: z.enum(['json', 'xlsx']).default('json'),
      }),
    },
  }, async (req, reply) => {
    assertReader(req.actor);
    const m = ctx.registry.metrics.get(req.params.key);
    if (!m) throw notFound('指标');
    if (req.query.groupBy && !m.dimensions.some((d) => d.key === req.query.groupBy)) {
      throw new AppError('validation_failed', '不支持的分组', { errors: [{ path: 'query.groupBy', message: `应为 ${m.dimensions.map((d) => d.key).join('/')} 之一` }] });
    }
    if (req.query.part && (!m.parts || (req.query.part === 'unknown' && !m.parts.unknown))) {
      throw new AppError('validation_failed', '该指标没有分子、分母之分', { errors: [{ path: 'query.part', message: m.parts ? '该指标没有"无法判断"的记录' : '只有比率指标可以按分子、分母钻取' }] });
    }
    const scope = await metricScope(ctx, req.actor, req.query, { permission: METRIC_READERS });
    const xlsx = req.query.format === 'xlsx';
    const r = await m.drilldown(ctx.readDb, scope, {
      group: req.query.group, groupBy: req.query.groupBy, part: req.query.part, limit: xlsx ? 100000 : req.query.limit, offset: xlsx ? 0 : req.query.cursor,
    });
    if (xlsx) return sendXlsx(reply, m.label, r.columns, r.items);
    const next = req.query.cursor + r.items.length;
    return { key: m.key, label: m.label, columns: r.columns, items: r.items, total: r.total, nextCursor: next < r.total ? next : null };
  });
}
