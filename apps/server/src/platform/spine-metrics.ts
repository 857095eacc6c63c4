import { sql } from 'kysely';
import { endOfLegalDate, startOfLegalDate } from '@yifa/contracts';
import type { Conn } from './db/client.ts';
import type { Workflow } from '@yifa/contracts';
import { ratio, type MetricDef, type MetricScope } from './metrics/registry.ts';

type WorkflowOf = (type: string) => Workflow | undefined;

/** Cases filed in the period (any type but the internal records, Workflow.internal), within the org scope. */
function filedOf(conn: Conn, s: MetricScope, internal: readonly string[]) {
  return conn.selectFrom('cases as c').innerJoin('orgs as o', 'o.id', 'c.orgId')
    .where('c.regionCode', '=', s.region).where('c.filedOn', '>=', s.from).where('c.filedOn', '<=', s.to)
    .$if(internal.length > 0, (q) => q.where('c.type', 'not in', internal))
    .$if(s.orgPath !== null, (q) => q.where(sql<boolean>`exists (select 1 from case_orgs co join orgs o2 on o2.id = co.org_id where co.case_id = c.id and co.until is null and o2.path like ${(s.orgPath ?? '') + '%'})`));
}
const G = {
  type: { label: '类型', expr: sql<string>`c.type` },
  org: { label: '承办机构', expr: sql<string>`o.name` },
  month: { label: '月份', expr: sql<string>`to_char(c.filed_on, 'YYYY-MM')` },
} as const;
const columns = [{ key: 'number', label: '编号' }, { key: 'typeLabel', label: '类型' }, { key: 'title', label: '标题' }, { key: 'stateLabel', label: '状态' }, { key: 'orgName', label: '承办机构' }, { key: 'filedOn', label: '登记日期' }, { key: 'dueAt', label: '期限' }, { key: 'closedAt', label: '办结时间' }];

type Filed = ReturnType<typeof filedOf>;
type DrillOpts = { group?: string; groupBy?: string; limit: number; offset: number };

async function drillOf(wf: WorkflowOf, conn: Conn, s: MetricScope, o: DrillOpts, internal: readonly string[], extra?: (q: Filed) => Filed) {
  let q = filedOf(conn, s, internal);
  if (extra) q = extra(q);
  if (o.group && o.groupBy && o.groupBy in G) q = q.where(G[o.groupBy as keyof typeof G].expr, '=', o.group);
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.select(['c.id', 'c.number', 'c.type', 'c.title', 'c.state', 'o.name as orgName', 'c.filedOn', 'c.dueAt', 'c.closedAt']).orderBy('c.filedOn').orderBy('c.id').limit(o.limit).offset(o.offset).execute();
  return { columns, total: total.n, items: items.map((i) => ({ ...i, typeLabel: wf(i.type)?.label ?? i.type, stateLabel: wf(i.type)?.states[i.state]?.label ?? i.state, filedOn: String(i.filedOn), dueAt: i.dueAt?.toISOString() ?? null, closedAt: i.closedAt?.toISOString() ?? null })) };
}

/** Label a group key: case types by their workflow's label, other dimensions as they are. */
const groupLabel = (wf: WorkflowOf, groupBy: string, key: string) => (groupBy === 'type' ? wf(key)?.label ?? key : key);

/**
 * Metrics over all case types: the spine's own. `wf` names case types and states; `internal` lists the types that are
 * internal records (a catalogue item, an adjustment of the 权责清单), which are not counted as 案件.
 */
export function spineMetrics(wf: WorkflowOf, internal: () => readonly string[] = () => []): MetricDef[] {
  const filed = (conn: Conn, s: MetricScope) => filedOf(conn, s, internal());
  const drill = (wf: WorkflowOf, conn: Conn, s: MetricScope, o: DrillOpts, extra?: (q: Filed) => Filed) => drillOf(wf, conn, s, o, internal(), extra);
  return [
  {
    key: 'cases.filed', module: 'spine', label: '登记案件数', unit: '件', basis: '—（平台运行统计）',
    definition: '统计期内登记（立案/受理登记）的各类案件数，按登记日期（北京时间）。', dimensions: Object.entries(G).map(([key, g]) => ({ key, label: g.label })),
    async compute(conn, s, groupBy) {
      const t = await filed(conn, s).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (!groupBy) return { value: t.n };
      const g = G[groupBy as keyof typeof G];
      const rows = await filed(conn, s).select([g.expr.as('k'), sql<number>`count(*)::int`.as('n')]).groupBy(g.expr).orderBy(g.expr).execute();
      return { value: t.n, groups: rows.map((r) => ({ key: r.k, label: groupLabel(wf, groupBy, r.k), value: r.n })) };
    },
    drilldown: (conn, s, o) => drill(wf, conn, s, o),
  },
  {
    key: 'cases.closed_on_time_rate', module: 'spine', label: '按期办结率', unit: '%', basis: '—（口径为本平台定义，无全国统一公式）',
    definition: '统计期内登记且已办结的案件中，所有期限均在届满前完成的件数 ÷ 已办结件数 × 100%。未办结的不计入分母。',
    dimensions: [{ key: 'type', label: '类型' }, { key: 'org', label: '承办机构' }],
    async compute(conn, s, groupBy) {
      const late = sql<boolean>`exists (select 1 from clocks k where k.case_id = c.id and k.met_deadline = false)`;
      const base = () => filed(conn, s).where('c.closedAt', 'is not', null);
      const t = await base().select([sql<number>`count(*)::int`.as('d'), sql<number>`count(*) filter (where not ${late})::int`.as('n')]).executeTakeFirstOrThrow();
      if (!groupBy) return ratio(t.n, t.d);
      const g = G[groupBy as keyof typeof G];
      const rows = await base().select([g.expr.as('k'), sql<number>`count(*)::int`.as('d'), sql<number>`count(*) filter (where not ${late})::int`.as('n')]).groupBy(g.expr).orderBy(g.expr).execute();
      return { ...ratio(t.n, t.d), groups: rows.map((r) => ({ key: r.k, label: groupLabel(wf, groupBy, r.k), ...ratio(r.n, r.d) })) };
    },
    drilldown: (conn, s, o) => drill(wf, conn, s, o, (q) => q.where('c.closedAt', 'is not', null)),
  },
  {
    key: 'cases.overdue_open', module: 'spine', label: '超期未办结', unit: '件', basis: '—（平台运行统计）',
    definition: '统计期内登记、至今未办结且已超过期限（红牌）的案件数。', dimensions: [{ key: 'type', label: '类型' }, { key: 'org', label: '承办机构' }],
    async compute(conn, s, groupBy) {
      const base = () => filed(conn, s).where('c.closedAt', 'is', null).where('c.warningLevel', '=', 'red');
      const t = await base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (!groupBy) return { value: t.n };
      const g = G[groupBy as keyof typeof G];
      const rows = await base().select([g.expr.as('k'), sql<number>`count(*)::int`.as('n')]).groupBy(g.expr).execute();
      return { value: t.n, groups: rows.map((r) => ({ key: r.k, label: groupLabel(wf, groupBy, r.k), value: r.n })) };
    },
    drilldown: (conn, s, o) => drill(wf, conn, s, o, (q) => q.where('c.closedAt', 'is', null).where('c.warningLevel', '=', 'red')),
  },
];
}
void startOfLegalDate; void endOfLegalDate;
