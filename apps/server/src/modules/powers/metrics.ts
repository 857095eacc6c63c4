import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, orgScope } from './metric-kit.ts';

/** Items in force (status active) of the county, within the org scope. */
const items = (extra: string) => (s: MetricScope) =>
  sql`from powers_items p join orgs o on o.id = p.org_id where p.region_code = ${s.region} and p.status = 'active' ${sql.raw(extra)} ${orgScope(s, 'p.org_id')}`;
/**
 * The 权责清单 as of the period's end date (the same rule as `listAsOf`: the latest approved
 * adjustment of each item effective on or before that date; abolished items drop out), exposed
 * with the columns of powers_items, so a figure for a closed period does not move when the list
 * is adjusted later.
 */
const itemsAsOf = (extra: string) => (s: MetricScope) =>
  sql`from (
    select distinct on (a.item_id) a.item_id as id, a.region_code, a.after->>'code' as code, a.after->>'name' as name, a.after->>'type' as type,
      (a.after->>'orgId')::uuid as org_id, a.after->>'level' as level, a.after->>'townshipKind' as township_kind, a.after->>'status' as status,
      coalesce((a.after->>'delegable')::boolean, false) as delegable, (a.after->>'delegatedOn')::date as delegated_on, (a.after->>'delegatedUntil')::date as delegated_until
    from powers_adjustments a
    where a.region_code = ${s.region} and a.status = 'approved' and a.item_id is not null and a.effective_on <= ${s.to}::date
    order by a.item_id, a.effective_on desc, a.decided_at desc
  ) p join orgs o on o.id = p.org_id where p.status = 'active' ${sql.raw(extra)} ${orgScope(s, 'p.org_id')}`;
const delegated = (s: MetricScope) => `p.delegated_on is not null and p.delegated_on <= '${s.to}'::date and (p.delegated_until is null or p.delegated_until > '${s.to}'::date)`;

const GROUPS = {
  type: { label: '职权类型', expr: 'p.type' },
  org: { label: '实施主体', expr: 'o.name' },
  level: { label: '层级', expr: `case when p.level = 'county' then '县级' else '乡镇' || p.township_kind end` },
};
const DRILL = {
  select: `p.code, p.name, p.type, o.name as org_name, case when p.level = 'county' then '县级' else '乡镇' || p.township_kind end as level, p.delegable, p.delegated_on::text as delegated_on`,
  order: 'p.code',
  columns: [{ key: 'code', label: '职权编码' }, { key: 'name', label: '职权名称' }, { key: 'type', label: '类型' }, { key: 'orgName', label: '实施主体' }, { key: 'level', label: '层级' }, { key: 'delegable', label: '可下放' }, { key: 'delegatedOn', label: '下放日期' }],
};

function delegationRate(key: string, label: string, typeFilter: string): MetricDef {
  const spec = {
    key, module: 'powers', label, unit: '%' as const,
    definition: `截至统计期末已下放乡镇（街道）的事项数 ÷ 清单中列为可下放（拟下放）的事项数 × 100%。${typeFilter.includes('<>') ? '不含公共服务事项。' : '仅公共服务事项。'}已收回的下放不计入分子。按统计期末当日有效的权责清单计算（期末之后的动态调整不改变该期数字）。`,
    basis: '本平台口径（县域"放权赋能"改革的下放率，无全国统一公式）',
    groups: { org: GROUPS.org, type: GROUPS.type },
    drill: DRILL,
  };
  return {
    ...kitMetric({ ...spec, from: itemsAsOf(`${typeFilter} and p.delegable`), value: { num: 'count(*)', den: 'count(*)' } }),
    // numerator and denominator need the scope date, so compute is specialised here.
    async compute(conn, s, groupBy) {
      const inner = kitMetric({ ...spec, from: itemsAsOf(`${typeFilter} and p.delegable`), value: { num: `count(*) filter (where ${delegated(s)})`, den: 'count(*)' } });
      return inner.compute(conn, s, groupBy);
    },
  };
}

export const powersMetrics: MetricDef[] = [
  kitMetric({
    key: 'powers.items', module: 'powers', label: '权责清单事项数', unit: '个',
    definition: '现行权责清单中状态为"有效"的事项数（含公共服务事项），可按类型、实施主体、层级（县级 / 乡镇法定 / 乡镇赋予）分组。',
    basis: '中办发〔2015〕21号（权力清单制度）；类型划分见 DOMAIN.md §10',
    from: items(''), value: { count: true }, groups: GROUPS, drill: DRILL,
  }),
  delegationRate('powers.delegation_rate', '行政权力下放率', `and p.type <> '公共服务'`),
  delegationRate('powers.service_delegation_rate', '公共服务事项下放率', `and p.type = '公共服务'`),
];
