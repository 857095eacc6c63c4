import { designatedAsOf } from '../../platform/orgs/designations.ts';
import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, orgScope } from '../../platform/metrics/kit.ts';
import { itemsAsOfTable } from './catalogue.ts';

/**
 * The 权责清单 as of the period's end date (the same rule as `listAsOf`: the latest approved
 * adjustment of each item effective on or before that date; abolished items drop out), exposed
 * with the columns of powers_items, so a figure for a closed period does not move when the list
 * is adjusted later.
 */
const itemsAsOf = (extra: string) => (s: MetricScope) =>
  sql`from ${itemsAsOfTable(s.region, s.to)} p join orgs o on o.id = p.org_id where p.status = 'active' ${sql.raw(extra)} ${orgScope(s, 'p.org_id')}`;
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
    parts: { numerator: '已下放的事项', denominator: '列为可下放的事项' },
    groups: { org: GROUPS.org, type: GROUPS.type },
    drill: DRILL,
    from: itemsAsOf(`${typeFilter} and p.delegable`),
  };
  // The numerator needs the scope's end date, so the metric is made per scope.
  const at = (s: MetricScope) => kitMetric({ ...spec, value: { ratio: { num: delegated(s) } } });
  return { ...at({ to: '' } as MetricScope), compute: (conn, s, groupBy) => at(s).compute(conn, s, groupBy), drilldown: (conn, s, o) => at(s).drilldown(conn, s, o) };
}

export const powersMetrics: MetricDef[] = [
  kitMetric({
    key: 'powers.items', module: 'powers', label: '权责清单事项数', unit: '个',
    definition: '统计期末当日有效的权责清单中状态为"有效"的事项数（含公共服务事项），可按类型、实施主体、层级（县级 / 乡镇法定 / 乡镇赋予）分组。期末之后的动态调整不改变该期数字。',
    basis: '中办发〔2015〕21号（权力清单制度）；按行政许可、行政处罚等十类权力类型划分',
    from: itemsAsOf(''), value: { count: true }, groups: GROUPS, drill: DRILL,
  }),
  delegationRate('powers.delegation_rate', '行政权力下放率', `and p.type <> '公共服务'`),
  delegationRate('powers.service_delegation_rate', '公共服务事项下放率', `and p.type = '公共服务'`),
  kitMetric({
    key: 'powers.license_transfers', module: 'powers', label: '行政许可事项划转数', unit: '个',
    definition: '统计期末当日有效的权责清单中，实施主体为期末当日指定的本县行政审批局（系统管理 → 机构职能指定）、且经批准的动态调整由其他部门划转而来的行政许可事项数。'
      + '按原实施部门分组（分组数即划出部门数）；原实施部门取最近一次划入审批局的调整前的实施主体。未指定行政审批局时为 0。',
    basis: '《行政许可法》第二十五条（相对集中行政许可权）',
    from: (s) => sql`from ${itemsAsOfTable(s.region, s.to)} p
      join ${designatedAsOf('approval_bureau', s.region, s.to)} ps on ps.org_id = p.org_id
      join lateral (
        select (a.before->>'orgId')::uuid as from_org, a.effective_on, a.document_no from powers_adjustments a
        where a.item_id = p.id and a.status = 'approved' and a.kind = 'modify' and a.effective_on <= ${s.to}::date
          and (a.after->>'orgId')::uuid = ps.org_id and (a.before->>'orgId')::uuid <> ps.org_id
        order by a.effective_on desc, a.decided_at desc limit 1
      ) t on true
      join orgs fo on fo.id = t.from_org join orgs o on o.id = p.org_id
      where p.status = 'active' and p.type = '行政许可' ${orgScope(s, 'p.org_id')}`,
    value: { count: true },
    groups: { from_org: { label: '原实施部门', expr: 'fo.name' } },
    drill: {
      select: `p.code, p.name, fo.name as from_org_name, o.name as org_name, t.effective_on::text as transferred_on, t.document_no`,
      order: 'p.code',
      columns: [{ key: 'code', label: '职权编码' }, { key: 'name', label: '职权名称' }, { key: 'fromOrgName', label: '原实施部门' }, { key: 'orgName', label: '现实施主体' },
        { key: 'transferredOn', label: '划转生效日期' }, { key: 'documentNo', label: '文号' }],
    },
  }),
];
