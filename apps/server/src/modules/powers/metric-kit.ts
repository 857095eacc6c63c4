/**
 * A small kit for the metrics of the powers / approvals / ratings modules: each metric is one SQL
 * FROM…WHERE over the period and org scope, a value (count, ratio or average) and named groups;
 * the drill-down lists the exact rows behind the number (optionally of one group).
 */
import { sql, type RawBuilder } from 'kysely';
import { endOfLegalDate, startOfLegalDate } from '@yifa/contracts';
import type { Conn } from '../../platform/db/client.ts';
import { ratio, type MetricDef, type MetricScope } from '../../platform/metrics/registry.ts';

export interface KitGroup { label: string; expr: string }

export interface KitSpec {
  key: string;
  module: string;
  label: string;
  unit: MetricDef['unit'];
  definition: string;
  basis: string;
  /** FROM … WHERE … (no trailing WHERE keyword needed beyond what is written); uses :from, :to, :region, :orgPath placeholders via the builder. */
  from: (s: MetricScope) => RawBuilder<unknown>;
  value: { count: true } | { num: string; den: string } | { avg: string; digits?: number } | { oneMinus: [string, string] };
  groups: Record<string, KitGroup>;
  drill: { select: string; order: string; columns: { key: string; label: string }[] };
}

export const period = (s: MetricScope) => ({ from: startOfLegalDate(s.from), to: endOfLegalDate(s.to) });

/** `AND <alias>.org_id in the scope subtree` (or nothing). */
export function orgScope(s: MetricScope, orgIdCol: string): RawBuilder<unknown> {
  if (s.orgPath === null) return sql``;
  return sql` and exists (select 1 from orgs so where so.id = ${sql.raw(orgIdCol)} and so.path like ${s.orgPath + '%'})`;
}

function valueExprs(v: KitSpec['value']): string {
  if ('count' in v) return 'count(*)::int as n, count(*)::int as d';
  if ('num' in v) return `(${v.num})::int as n, (${v.den})::int as d`;
  if ('avg' in v) return `coalesce(sum(${v.avg}),0)::float8 as n, count(*)::int as d`;
  return `coalesce(sum(${v.oneMinus[0]}),0)::float8 as n, coalesce(sum(${v.oneMinus[1]}),0)::float8 as d`;
}

function finish(v: KitSpec['value'], n: number, d: number) {
  n = Number(n); d = Number(d);
  if ('count' in v) return { value: n };
  if ('num' in v) return ratio(n, d);
  if ('avg' in v) return { value: d === 0 ? null : Math.round((n / d) * 100) / 100, numerator: n, denominator: d };
  return { value: d === 0 ? null : Math.round((1 - n / d) * 10000) / 100, numerator: n, denominator: d };
}

export function kitMetric(k: KitSpec): MetricDef {
  return {
    key: k.key, module: k.module, label: k.label, unit: k.unit, definition: k.definition, basis: k.basis,
    dimensions: Object.entries(k.groups).map(([key, g]) => ({ key, label: g.label })),
    async compute(conn: Conn, s: MetricScope, groupBy?: string) {
      const vx = sql.raw(valueExprs(k.value));
      const t = (await sql<{ n: number; d: number }>`select ${vx} ${k.from(s)}`.execute(conn)).rows[0];
      const total = finish(k.value, t.n, t.d);
      const g = groupBy ? k.groups[groupBy] : undefined;
      if (!g) return total;
      const rows = (await sql<{ k: string | null; n: number; d: number }>`select ${sql.raw(g.expr)} as k, ${vx} ${k.from(s)} group by 1 order by 1`.execute(conn)).rows;
      return { ...total, groups: rows.map((r) => ({ key: String(r.k ?? ''), label: String(r.k ?? '（未填）'), ...finish(k.value, r.n, r.d) })) };
    },
    async drilldown(conn: Conn, s: MetricScope, o) {
      const g = o.groupBy ? k.groups[o.groupBy] : undefined;
      const filter = g && o.group !== undefined ? sql` and coalesce((${sql.raw(g.expr)})::text, '') = ${o.group}` : sql``;
      const total = (await sql<{ n: number }>`select count(*)::int as n ${k.from(s)} ${filter}`.execute(conn)).rows[0].n;
      const items = (await sql<Record<string, unknown>>`select ${sql.raw(k.drill.select)} ${k.from(s)} ${filter} order by ${sql.raw(k.drill.order)} limit ${o.limit} offset ${o.offset}`.execute(conn)).rows;
      return { columns: k.drill.columns, items: items.map((i) => Object.fromEntries(Object.entries(i).map(([key, v]) => [key, v instanceof Date ? v.toISOString() : v]))), total };
    },
  };
}
