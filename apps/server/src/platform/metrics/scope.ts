/**
 * The org scope and period a viewer may ask a figure for — one rule for the metrics API and for every module
 * route that shows a figure (hotline queue, hotspots, keywords…). A viewer holding the permission on a
 * county's root org with its subtree sees the county; others see an org they hold it on (`org`), by default
 * the first. The check goes through can() with each grant: never role names.
 */
import { legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../context.ts';
import { AppError } from '../http/problem.ts';
import { can, type Actor, type Grant, type Permission } from '../authz.ts';
import type { MetricScope } from './registry.ts';

export interface ScopeQuery { from?: string; to?: string; org?: string }

export interface ScopeOptions {
  /** The permission the figure needs (default metrics.view); several: any of them, each over the orgs it is granted on. */
  permission?: Permission | readonly Permission[];
  /** The period's first day when none is asked (default: 1 January of `to`'s year). */
  defaultFrom?: (to: string) => string;
}

export async function metricScope(ctx: Ctx, actor: Actor, q: ScopeQuery, opts: ScopeOptions = {}): Promise<MetricScope> {
  const permissions = [opts.permission ?? 'metrics.view'].flat();
  const allowed = (a: Actor, orgPath: string) => permissions.some((p) => can(a, p, { orgPaths: [orgPath] }));
  const now = ctx.clock.now();
  const to = q.to ?? legalDateOf(now);
  const from = q.from ?? (opts.defaultFrom ? opts.defaultFrom(to) : `${to.slice(0, 4)}-01-01`);
  if (from > to) throw new AppError('validation_failed', '统计期间有误', { errors: [{ path: 'query.from', message: '开始日期不能晚于结束日期' }] });
  const region = ctx.config.defaultRegion;
  const through = (g: Grant) => allowed({ ...actor, grants: [g] }, g.orgPath);
  let orgPath: string | null = null;
  if (q.org) {
    const o = await ctx.db.selectFrom('orgs').select(['path']).where('id', '=', q.org).where('regionCode', '=', region).executeTakeFirst();
    if (!o) throw new AppError('validation_failed', '机构不存在', { errors: [{ path: 'query.org', message: '机构不存在' }] });
    if (!allowed(actor, o.path)) throw new AppError('forbidden', '您不能查看该机构的统计');
    orgPath = o.path;
  } else if (!actor.grants.some((g) => g.subtree && g.orgPath.split('/').filter(Boolean).length === 1 && through(g))) {
    // Without county-wide rights, default to the first org the actor may see the figure for.
    const g = actor.grants.find(through);
    if (!g) throw new AppError('forbidden', '您没有查看统计的权限');
    orgPath = g.orgPath;
  }
  return { from, to, orgPath, region, now };
}
