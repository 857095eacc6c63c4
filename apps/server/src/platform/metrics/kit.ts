/**
 * The spine's metric kit: how any module declares a SQL metric. A metric is one `from … where …` over the
 * period and org scope (the records behind the figure), a value over those records — a count, a sum, an
 * average, 1 − Σa ÷ Σb, or a ratio with a named numerator and denominator (and the undecided records kept
 * out of both) — and named groups (dimensions). The drill-down lists exactly the records behind the figure,
 * of one group and of one part (numerator, denominator, undecided) when asked.
 */
import { sql, type RawBuilder } from 'kysely';
import { endOfLegalDate, startOfLegalDate } from '@yifa/contracts';
import type { Conn } from '../db/client.ts';
import { ratio, type DrillOptions, type MetricDef, type MetricGroup, type MetricScope, type MetricValue } from './registry.ts';

/** A dimension: `expr` is the group's key (SQL over the `from` records); `name` its label (default: the key). */
export interface KitGroup { label: string; expr: string; name?: string }

/**
 * How the figure is made from the records (SQL expressions over them):
 * - count: how many;
 * - ratio: records matching `num` among those matching `den` (default: all); `unknown` marks records left out of
 *   both because they cannot be decided yet (they are counted apart). `parts` names numerator and denominator;
 * - avg: Σ expr ÷ records (two decimals); sum: Σ expr (`digits` decimals); oneMinus: 1 − Σa ÷ Σb (a percentage).
 */
export type KitValue =
  | { count: true }
  | { ratio: { num: string; den?: string; unknown?: string } }
  | { avg: string }
  | { sum: string; digits?: number }
  | { oneMinus: [string, string] };

export interface KitSpec {
  key: string;
  module: string;
  label: string;
  unit: MetricDef['unit'];
  definition: string;
  basis: string;
  /** `from … where …` selecting the records behind the figure (use `period`, `orgScope`). */
  from: (s: MetricScope) => RawBuilder<unknown>;
  value: KitValue;
  /** Required for ratios: what the numerator and the denominator are (e.g. 按时答复的工单 / 应答复的工单). */
  parts?: MetricDef['parts'];
  groups: Record<string, KitGroup>;
  drill: { select: string; order: string; columns: { key: string; label: string }[] };
  /**
   * A maintained rollup that can answer the figure (not the drill-down) from sums kept per bucket: its rows are the
   * aggregates below (n, d, u) per group key, or null when it cannot answer this scope — then the live query does.
   */
  rollup?: KitRollup;
}

/** Rows of a figure read from a rollup: one per group (k, l), or one row (k, l null) without a group. */
export interface KitRollup {
  read(conn: Conn, s: MetricScope, groupBy: string | undefined): Promise<{ k: string | null; l: string | null; n: number; d: number; u: number }[] | null>;
}

/** The period as instants: from 00:00 of `from` to 23:59:59.999 of `to`, Beijing time. */
export const period = (s: MetricScope) => ({ from: startOfLegalDate(s.from), to: endOfLegalDate(s.to) });

/** `and <orgIdCol> in the scope` (the org's subtree, or the org itself when `orgExact`), or nothing. */
export function orgScope(s: MetricScope, orgIdCol: string): RawBuilder<unknown> {
  if (s.orgPath === null) return sql``;
  const path = s.orgExact ? sql`so.path = ${s.orgPath}` : sql`so.path like ${s.orgPath + '%'}`;
  return sql` and exists (select 1 from orgs so where so.id = ${sql.raw(orgIdCol)} and ${path})`;
}

/** `and the case <caseIdCol> is held (now) by an org in the scope`, or nothing. */
export function caseOrgScope(s: MetricScope, caseIdCol: string): RawBuilder<unknown> {
  if (s.orgPath === null) return sql``;
  const path = s.orgExact ? sql`so.path = ${s.orgPath}` : sql`so.path like ${s.orgPath + '%'}`;
  return sql` and exists (select 1 from case_orgs co join orgs so on so.id = co.org_id
    where co.case_id = ${sql.raw(caseIdCol)} and co.until is null and ${path})`;
}

/** `month` dimension over a timestamp column, in Beijing time. */
export const monthOf = (col: string): KitGroup => ({ label: '月份', expr: `to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')` });

const cond = (c: string | undefined) => (c ? `(${c})` : 'true');

/**
 * The aggregates of a value over its records, as SQL for n, d, u (a rollup keeps the same sums per bucket). `only`: of
 * the rows read, the records are those matching it — a statement that reads several metrics' records at once (the
 * hotline rollups) aggregates each metric's own.
 */
export function kitSums(v: KitValue, only?: string): [n: string, d: string, u: string] {
  const w = (c?: string) => (only ? `(${only}) and ${cond(c)}` : cond(c));
  const all = only ? ` filter (where ${w()})` : '';
  const sum = (x: string) => `coalesce(sum(${x})${all}, 0)::float8`;
  if ('count' in v) return [`count(*)${all}::int`, `count(*)${all}::int`, '0'];
  if ('ratio' in v) {
    const den = w(v.ratio.den);
    return [`count(*) filter (where ${den} and (${v.ratio.num}))::int`, `count(*) filter (where ${den})::int`,
      v.ratio.unknown ? `count(*) filter (where ${w(v.ratio.unknown)})::int` : '0'];
  }
  if ('avg' in v) return [sum(v.avg), `count(*)${all}::int`, '0'];
  if ('sum' in v) return [sum(v.sum), `count(*)${all}::int`, '0'];
  return [sum(v.oneMinus[0]), sum(v.oneMinus[1]), '0'];
}

/** The aggregates of a value over its records, as columns n, d, u. */
export function kitAggregates(v: KitValue): string {
  const [n, d, u] = kitSums(v);
  return `${n} as n, ${d} as d, ${u} as u`;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function finish(v: KitValue, n: number, d: number, u: number): MetricValue {
  n = Number(n); d = Number(d);
  if ('count' in v) return { value: n };
  if ('ratio' in v) return v.ratio.unknown ? { ...ratio(n, d), unknown: Number(u) } : ratio(n, d);
  if ('avg' in v) return { value: d === 0 ? null : round(n / d, 2), numerator: round(n, 2), denominator: d };
  if ('sum' in v) return { value: round(n, v.digits ?? 2) };
  return { value: d === 0 ? null : round((1 - n / d) * 100, 2), numerator: n, denominator: d };
}

/** The records of one part of a ratio (drill-down), as a condition. */
function partCond(v: KitValue, part: DrillOptions['part']): string {
  if (!part || !('ratio' in v)) return 'true';
  if (part === 'numerator') return `${cond(v.ratio.den)} and (${v.ratio.num})`;
  if (part === 'denominator') return cond(v.ratio.den);
  return v.ratio.unknown ? cond(v.ratio.unknown) : 'false';
}

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

export function kitMetric(k: KitSpec): MetricDef {
  if ('ratio' in k.value && !k.parts) throw new Error(`metric ${k.key}: a ratio names its numerator and denominator (parts)`);
  const isRatio = 'ratio' in k.value;
  const inNumerator = isRatio ? `, (${partCond(k.value, 'numerator')}) as in_numerator` : '';
  const columns = isRatio ? [...k.drill.columns, { key: 'inNumerator', label: `计入分子（${k.parts!.numerator}）` }] : k.drill.columns;
  return {
    key: k.key, module: k.module, label: k.label, unit: k.unit, definition: k.definition, basis: k.basis,
    dimensions: Object.entries(k.groups).map(([key, g]) => ({ key, label: g.label })),
    ...(k.parts ? { parts: k.parts } : {}),
    async compute(conn: Conn, s: MetricScope, groupBy?: string) {
      const agg = sql.raw(kitAggregates(k.value));
      const g = groupBy ? k.groups[groupBy] : undefined;
      const rolled = k.rollup ? await k.rollup.read(conn, s, g ? groupBy : undefined) : null;
      if (!g) {
        const t = rolled ? rolled[0] : (await sql<{ n: number; d: number; u: number }>`select ${agg} ${k.from(s)}`.execute(conn)).rows[0];
        return finish(k.value, t.n, t.d, t.u);
      }
      const rows = rolled ?? (await sql<{ k: string | null; l: string | null; n: number; d: number; u: number }>`
        select (${sql.raw(g.expr)})::text as k, (${sql.raw(g.name ?? g.expr)})::text as l, ${agg} ${k.from(s)} group by 1, 2 order by 1`.execute(conn)).rows;
      const groups: MetricGroup[] = rows.map((r) => ({ key: r.k ?? '', label: r.l ?? r.k ?? '（未填）', ...finish(k.value, r.n, r.d, r.u) }));
      // Every record is in exactly one group: the figure is the sum of the groups' parts (one query, not two).
      const sum = (f: 'n' | 'd' | 'u') => rows.reduce((a, r) => a + Number(r[f]), 0);
      return { ...finish(k.value, sum('n'), sum('d'), sum('u')), groups };
    },
    async drilldown(conn: Conn, s: MetricScope, o: DrillOptions) {
      const g = o.groupBy ? k.groups[o.groupBy] : undefined;
      const group = g && o.group !== undefined ? sql` and coalesce((${sql.raw(g.expr)})::text, '') = ${o.group}` : sql``;
      const filter = sql`${group} and ${sql.raw(partCond(k.value, o.part))}`;
      const total = (await sql<{ n: number }>`select count(*)::int as n ${k.from(s)} ${filter}`.execute(conn)).rows[0].n;
      const items = (await sql<Record<string, unknown>>`
        select ${sql.raw(k.drill.select)}${sql.raw(inNumerator)} ${k.from(s)} ${filter}
        order by ${sql.raw(k.drill.order)} limit ${o.limit} offset ${o.offset}`.execute(conn)).rows;
      return { columns, items: items.map((i) => Object.fromEntries(Object.entries(i).map(([key, v]) => [key, plain(v)]))), total };
    },
  };
}
