import { sql } from 'kysely';
import type { Workflow } from '@yifa/contracts';
import type { MetricDef, MetricScope } from './metrics/registry.ts';
import { caseOrgScope, kitMetric, period, type KitSpec } from './metrics/kit.ts';
import { actionList, clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from './metrics/timeliness.ts';

/** What the spine metrics need of the registry, read when a figure is computed (modules register after the spine). */
export interface SpineSource {
  workflow(type: string): Workflow | undefined;
  /** Per case type, the clocks and their acts the modules declared (`deadlines` in their manifests). */
  deadlines: ReadonlyMap<string, CaseDeadlines>;
  /** The case types that are internal records (a catalogue item, an adjustment of the 权责清单), not 案件 (Workflow.internal). */
  internalTypes(): readonly string[];
}

const M = 'spine';
const GROUPS = {
  type: { label: '类型', expr: 'c.type' },
  org: { label: '承办机构', expr: 'o.name' },
  month: { label: '月份', expr: `to_char(c.filed_on, 'YYYY-MM')` },
};
const SELECT = `c.id, c.number, c.type, c.title, c.state, o.name as org_name, c.filed_on::text as filed_on, c.due_at, c.closed_at`;
const COLUMNS = [
  { key: 'number', label: '编号' }, { key: 'typeLabel', label: '类型' }, { key: 'title', label: '标题' }, { key: 'stateLabel', label: '状态' },
  { key: 'orgName', label: '承办机构' }, { key: 'filedOn', label: '登记日期' }, { key: 'dueAt', label: '期限' }, { key: 'closedAt', label: '办结时间' },
];

/** Not an internal record (those are not 案件 and are not counted here). */
const caseTypesOnly = (src: SpineSource) => {
  const internal = src.internalTypes();
  return internal.length ? sql`and c.type not in (${sql.join([...internal])})` : sql``;
};

/** Cases filed in the period (any type but the internal records), within the org scope, matching `extra`. */
const filed = (src: SpineSource, extra = '') => (s: MetricScope) => sql`from cases c join orgs o on o.id = c.org_id
  where c.region_code = ${s.region} and c.filed_on >= ${s.from} and c.filed_on <= ${s.to} ${sql.raw(extra)} ${caseTypesOnly(src)} ${caseOrgScope(s, 'c.id')}`;

/** A kit metric whose case types and states are shown by their workflow's labels. */
function labelled(src: SpineSource, spec: KitSpec): MetricDef {
  const m = kitMetric(spec);
  const typeLabel = (t: string) => src.workflow(t)?.label ?? t;
  return {
    ...m,
    async compute(conn, s, groupBy) {
      const v = await m.compute(conn, s, groupBy);
      return groupBy === 'type' && v.groups ? { ...v, groups: v.groups.map((g) => ({ ...g, label: typeLabel(g.key) })) } : v;
    },
    async drilldown(conn, s, o) {
      const r = await m.drilldown(conn, s, o);
      return {
        ...r,
        items: r.items.map((i) => ({
          ...i, typeLabel: typeLabel(String(i.type)), stateLabel: src.workflow(String(i.type))?.states[String(i.state)]?.label ?? i.state,
        })),
      };
    },
  };
}

/** Cases whose main clock (the one of 办结 each case type declares) was settled in the period. */
const mainClockDue = (src: SpineSource) => (s: MetricScope) => {
  const types = [...src.deadlines].filter(([, d]) => d.main && d.clocks[d.main]);
  if (types.length === 0) return sql`from cases c join orgs o on o.id = c.org_id cross join (select null::text as outcome, null::timestamptz as due_at,
    null::timestamptz as act_at, null::timestamptz as settled_at) ko where false`;
  const rows = types.map(([type, d]) => sql`(${type}, ${d.main!}, ${actionList(d.clocks[d.main!].acts)}, ${actionList(d.clocks[d.main!].ends ?? [])})`);
  return sql`from cases c join orgs o on o.id = c.org_id join (values ${sql.join(rows)}) as dl(type, clock, acts, ends) on dl.type = c.type
    ${clockOutcome('ko', 'c.id', sql<string>`dl.clock`, { acts: sql<string[]>`dl.acts`, ends: sql<string[]>`dl.ends` }, { now: s.now, from: period(s).from })}
    where c.region_code = ${s.region} and ${settledIn('ko', period(s))} ${caseTypesOnly(src)} ${caseOrgScope(s, 'c.id')}`;
};

/** Metrics over all case types: the spine's own. */
export function spineMetrics(src: SpineSource): MetricDef[] {
  return [
    labelled(src, {
      key: 'cases.filed', module: M, label: '登记案件数', unit: '件', basis: '—（平台运行统计）',
      definition: '统计期内登记（立案/受理登记）的各类案件数，按登记日期（北京时间）。',
      from: filed(src), value: { count: true }, groups: GROUPS, drill: { select: SELECT, order: 'c.filed_on, c.id', columns: COLUMNS },
    }),
    labelled(src, {
      key: 'cases.closed_on_time_rate', module: M, label: '按期办结率', unit: '%', basis: '—（口径为本平台定义，无全国统一公式）',
      definition: '各类案件办结期限（各业务声明的主期限：答复、决定、审核意见、整改等）内完成的件数 ÷ 主期限在统计期内届满（应办结）的案件数 × 100%，'
        + `逾期未办结的计入分母。未声明主期限的案件类型不计入。${ON_TIME_RULES}`,
      from: mainClockDue(src), value: onTime('ko'),
      parts: { numerator: '期限内办结的案件', denominator: '办结期限届满或已按时办结的案件', unknown: '期限跨入日历未载入年度、无法判断的案件' },
      groups: { type: GROUPS.type, org: GROUPS.org },
      drill: { select: `${SELECT}, ${outcomeSelect('ko')}`, order: 'ko.settled_at, c.id', columns: [...COLUMNS, ...OUTCOME_COLUMNS] },
    }),
    labelled(src, {
      key: 'cases.overdue_open', module: M, label: '超期未办结', unit: '件', basis: '—（平台运行统计）',
      definition: '统计期内登记、至今未办结且已超过期限（红牌）的案件数。',
      from: filed(src, `and c.closed_at is null and c.warning_level = 'red'`), value: { count: true }, groups: { type: GROUPS.type, org: GROUPS.org },
      drill: { select: SELECT, order: 'c.filed_on, c.id', columns: COLUMNS },
    }),
  ];
}
