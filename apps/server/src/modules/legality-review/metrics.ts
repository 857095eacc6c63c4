import { sql } from 'kysely';
import { endOfLegalDate, startOfLegalDate } from '@yifa/contracts';
import type { Conn } from '../../platform/db/client.ts';
import { ratio, type MetricDef, type MetricScope } from '../../platform/metrics/registry.ts';

/** Reviews concluded in the period (by the date of the opinion), within the org scope. */
function concluded(conn: Conn, s: MetricScope) {
  return conn.selectFrom('cases as c')
    .innerJoin('orgs as o', 'o.id', 'c.orgId')
    .innerJoin('clocks as k', (j) => j.onRef('k.caseId', '=', 'c.id').on('k.key', '=', 'review'))
    .where('c.type', '=', 'legality_review').where('c.state', '=', 'concluded').where('c.regionCode', '=', s.region)
    .where('c.closedAt', '>=', startOfLegalDate(s.from)).where('c.closedAt', '<=', endOfLegalDate(s.to))
    .$if(s.orgPath !== null, (q) => q.where(sql<boolean>`exists (select 1 from case_orgs co join orgs o2 on o2.id = co.org_id where co.case_id = c.id and co.until is null and o2.path like ${(s.orgPath ?? '') + '%'})`));
}

const GROUPS = {
  conclusion: { label: '审核结论', expr: sql<string>`c.data->>'conclusion'` },
  month: { label: '月份', expr: sql<string>`to_char(c.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM')` },
  drafting_org: { label: '起草单位', expr: sql<string>`(select name from orgs where id::text = c.data->>'draftingOrgId')` },
} as const;

export const legalityMetrics: MetricDef[] = [
  {
    key: 'legality_review.count', module: 'legality-review', label: '规范性文件合法性审核件数', unit: '件',
    definition: '统计期内出具审核意见的合法性审核件数（按出具意见日期）。退回、撤回的不计。',
    basis: '国办发〔2018〕115号', dimensions: Object.entries(GROUPS).map(([key, g]) => ({ key, label: g.label })),
    async compute(conn, s, groupBy) {
      const total = await concluded(conn, s).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (!groupBy) return { value: total.n };
      const g = GROUPS[groupBy as keyof typeof GROUPS];
      const rows = await concluded(conn, s).select([g.expr.as('k'), sql<number>`count(*)::int`.as('n')]).groupBy(g.expr).orderBy(g.expr).execute();
      return { value: total.n, groups: rows.map((r) => ({ key: String(r.k), label: String(r.k), value: r.n })) };
    },
    async drilldown(conn, s, o) {
      let q = concluded(conn, s);
      if (o.group && o.groupBy) q = q.where(GROUPS[o.groupBy as keyof typeof GROUPS].expr, '=', o.group);
      const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const items = await q.select(['c.id', 'c.number', 'c.title', sql<string>`c.data->>'conclusion'`.as('conclusion'), sql<string>`c.data->>'opinionNo'`.as('opinionNo'), 'c.filedOn', 'c.closedAt', 'k.metDeadline'])
        .orderBy('c.closedAt').limit(o.limit).offset(o.offset).execute();
      return {
        columns: [{ key: 'number', label: '编号' }, { key: 'title', label: '文件名称' }, { key: 'conclusion', label: '结论' }, { key: 'opinionNo', label: '意见书文号' }, { key: 'filedOn', label: '报送日期' }, { key: 'closedAt', label: '出具日期' }, { key: 'metDeadline', label: '按时' }],
        items: items.map((i) => ({ ...i, filedOn: String(i.filedOn), closedAt: i.closedAt?.toISOString() ?? null })), total: total.n,
      };
    },
  },
  {
    key: 'legality_review.on_time_rate', module: 'legality-review', label: '合法性审核按时办结率', unit: '%',
    definition: '在审核期限内出具意见的件数 ÷ 统计期内出具意见的件数 × 100%。补充材料期间不计入期限。',
    basis: '国办发〔2018〕115号（期限）；比率口径为本平台定义（无全国统一公式）', dimensions: [{ key: 'month', label: '月份' }],
    async compute(conn, s, groupBy) {
      const t = await concluded(conn, s).select([sql<number>`count(*)::int`.as('d'), sql<number>`count(*) filter (where k.met_deadline)::int`.as('n')]).executeTakeFirstOrThrow();
      if (groupBy !== 'month') return ratio(t.n, t.d);
      const rows = await concluded(conn, s).select([GROUPS.month.expr.as('k'), sql<number>`count(*)::int`.as('d'), sql<number>`count(*) filter (where k.met_deadline)::int`.as('n')]).groupBy(GROUPS.month.expr).orderBy(GROUPS.month.expr).execute();
      return { ...ratio(t.n, t.d), groups: rows.map((r) => ({ key: r.k, label: r.k, ...ratio(r.n, r.d) })) };
    },
    async drilldown(conn, s, o) {
      const base = legalityMetrics[0];
      return base.drilldown(conn, s, o);
    },
  },
];
