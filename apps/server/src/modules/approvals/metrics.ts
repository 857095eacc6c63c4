import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, monthOf, orgScope, period } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';
import { servicesAsOf } from '../powers/catalogue.ts';

/** What the approval clocks wait for (the manifest declares it; the on-time metrics read it). */
export const APPROVAL_DEADLINES: CaseDeadlines = {
  main: 'decision',
  clocks: {
    intake: { acts: ['accept', 'refuse', 'notify_correction'] },
    decision: { acts: ['approve', 'deny', 'forward'] },
    promise: { acts: ['approve', 'deny', 'forward'] },
    delivery: { acts: ['deliver'] },
  },
};

/** Applications whose <col> falls in the period, within the org scope. */
const apps = (col: string, extra = '') => (s: MetricScope) => {
  const p = period(s);
  return sql`from approvals_applications a join orgs o on o.id = a.org_id join cases c on c.id = a.case_id
    where a.region_code = ${s.region} and ${sql.raw(col)} >= ${p.from} and ${sql.raw(col)} <= ${p.to} ${sql.raw(extra)} ${orgScope(s, 'a.org_id')}`;
};
/**
 * Accepted applications whose `clock` (decision or promise) was settled in the period: decided by its deadline (on the
 * decision day), or late (on the deadline, decided or not); withdrawn before the deadline = not counted.
 */
const due = (clock: 'decision' | 'promise') => (s: MetricScope) => sql`from approvals_applications a
    join orgs o on o.id = a.org_id join cases c on c.id = a.case_id
    ${clockOutcome('k', 'a.case_id', clock, APPROVAL_DEADLINES.clocks[clock], { now: s.now, from: period(s).from })}
    where a.region_code = ${s.region} and a.received_at <= ${period(s).to} and ${settledIn('k', period(s))} ${orgScope(s, 'a.org_id')}`;
const groups = (col: string) => ({
  org: { label: '办理机构', expr: 'o.name' },
  item: { label: '事项', expr: 'a.item_name' },
  month: monthOf(col),
  channel: { label: '渠道', expr: `case a.channel when 'window' then '窗口' else '网上' end` },
});
const DRILL_SELECT = `c.number, a.item_name, o.name as org_name, case a.channel when 'window' then '窗口' else '网上' end as channel, a.instant, a.state, a.decision,
    a.trips, a.corrections, a.promised_days, a.statutory_days, a.received_at, a.decided_at`;
const DRILL_COLUMNS = [
  { key: 'number', label: '办件编号' }, { key: 'itemName', label: '事项' }, { key: 'orgName', label: '办理机构' }, { key: 'channel', label: '渠道' },
  { key: 'instant', label: '即办件' }, { key: 'state', label: '状态' }, { key: 'decision', label: '决定' }, { key: 'trips', label: '跑动次数' },
  { key: 'corrections', label: '补正次数' }, { key: 'promisedDays', label: '承诺时限' }, { key: 'statutoryDays', label: '法定时限' },
  { key: 'receivedAt', label: '收件时间' }, { key: 'decidedAt', label: '决定时间' },
];
const DRILL = { select: DRILL_SELECT, order: 'a.received_at, c.number', columns: DRILL_COLUMNS };
const onTimeDrill = (clock: 'decision' | 'promise') => ({
  select: `${DRILL_SELECT}, k.outcome = 'met' as ${clock === 'promise' ? 'promise_met' : 'statutory_met'}, ${outcomeSelect('k')}`,
  order: 'k.settled_at, c.number',
  columns: [...DRILL_COLUMNS, clock === 'promise' ? { key: 'promiseMet', label: '承诺时限内决定' } : { key: 'statutoryMet', label: '法定时限内决定' }, ...OUTCOME_COLUMNS],
});
const ON_TIME_PARTS = { numerator: '期限内作出准予或不予许可决定的办件', denominator: '期限在统计期内届满或在期限内作出决定的已受理办件', unknown: '期限跨入日历未载入年度、无法判断的办件' };

const SERVICE_GROUPS = { org: { label: '办理机构', expr: 'o.name' }, item: { label: '事项', expr: 's.name' }, type: { label: '职权类型', expr: 'p.type' } };
const SERVICE_DRILL = {
  select: `s.code, s.name, o.name as org_name, s.statutory_days, s.promised_days, s.instant, jsonb_array_length(s.materials) as materials, s.baseline_materials`,
  order: 's.code',
  columns: [{ key: 'code', label: '事项编码' }, { key: 'name', label: '事项名称' }, { key: 'orgName', label: '办理机构' }, { key: 'statutoryDays', label: '法定时限（工作日）' },
    { key: 'promisedDays', label: '承诺时限（工作日）' }, { key: 'instant', label: '即办件' }, { key: 'materials', label: '现行材料数' }, { key: 'baselineMaterials', label: '精简前材料数' }],
};

const M = 'approvals';
export const approvalsMetrics: MetricDef[] = [
  kitMetric({
    key: 'approvals.count', module: M, label: '办件量', unit: '件',
    definition: '统计期内收件的行政审批办件数（窗口与网上，含情景式分送的各事项办件；按收件时间）。',
    basis: '《行政许可法》第二十九条至第三十二条（申请与受理）', from: apps('a.received_at'), value: { count: true }, groups: groups('a.received_at'), drill: DRILL,
  }),
  kitMetric({
    key: 'approvals.on_time_promise_rate', module: M, label: '按时办结率（承诺时限）', unit: '%',
    definition: '在承诺时限内作出准予或不予许可决定的办件数 ÷ 承诺时限在统计期内届满（应办结）的已受理办件数 × 100%，未作决定的逾期办件计入分母。'
      + `特别程序（第四十五条）期间不计时；不予受理的办件没有决定期限，不计入；受理后撤回的，在期限届满前撤回不计入，届满后撤回计为逾期。${ON_TIME_RULES}`,
    basis: '本县办事指南承诺时限；《行政许可法》第四十五条（不计入期限的时间）', from: due('promise'),
    value: onTime('k'), parts: ON_TIME_PARTS, groups: groups('k.settled_at'), drill: onTimeDrill('promise'),
  }),
  kitMetric({
    key: 'approvals.on_time_statutory_rate', module: M, label: '按时办结率（法定时限）', unit: '%',
    definition: '在法定时限（含经负责人批准的延长）内作出准予或不予许可决定的办件数 ÷ 法定时限在统计期内届满（应办结）的已受理办件数 × 100%，'
      + `未作决定的逾期办件计入分母。不予受理、撤回按承诺时限口径处理。${ON_TIME_RULES}`,
    basis: '《行政许可法》第四十二条、第四十五条、第八十二条', from: due('decision'),
    value: onTime('k'), parts: ON_TIME_PARTS, groups: groups('k.settled_at'), drill: onTimeDrill('decision'),
  }),
  kitMetric({
    key: 'approvals.instant_ratio', module: M, label: '即办件比例', unit: '%',
    definition: '统计期内收件的办件中即办件（承诺当场办结）的件数 ÷ 收件数 × 100%。',
    basis: '《行政许可法》第三十四条第二款（当场作出决定）；比率为本平台口径', from: apps('a.received_at'),
    value: { ratio: { num: 'a.instant' } }, parts: { numerator: '即办件', denominator: '收件的办件' }, groups: groups('a.received_at'), drill: DRILL,
  }),
  kitMetric({
    key: 'approvals.avg_trips', module: M, label: '平均跑动次数', unit: '次',
    definition: '统计期内办结（含不予受理、撤回）的办件，申请人到窗口的次数（窗口收件、窗口补正、窗口领证各计 1 次；情景式申请一次到场只计 1 次）之和 ÷ 办结件数。',
    basis: '"最多跑一次"改革口径（本平台定义）', from: apps('a.finished_at'), value: { avg: 'a.trips' }, groups: groups('a.finished_at'), drill: DRILL,
  }),
  kitMetric({
    key: 'approvals.promise_compression', module: M, label: '承诺时限压缩率', unit: '%',
    definition: '1 − 统计期末在办事项的承诺时限之和 ÷ 法定时限之和（工作日；不含法定时限为 0 的当场办结事项）。按统计期末当日的事项目录和权责清单计算，期末之后修改事项不改变该期数字。按事项分组即各事项的 1 − 承诺/法定。',
    basis: '本平台口径（"减时限"改革，无全国统一公式）', from: (s) => sql`${servicesAsOf(s)} and s.statutory_days > 0`,
    value: { oneMinus: ['s.promised_days', 's.statutory_days'] }, groups: SERVICE_GROUPS, drill: SERVICE_DRILL,
  }),
  kitMetric({
    key: 'approvals.material_reduction', module: M, label: '申请材料精简率', unit: '%',
    definition: '1 − 统计期末在办事项的申请材料数之和 ÷ 精简前登记的基准材料数之和（不含未登记基准的事项）。按统计期末当日的事项目录计算，期末之后修改事项不改变该期数字。',
    basis: '本平台口径（"减材料"改革，基准为事项登记时记录的精简前材料数）', from: (s) => sql`${servicesAsOf(s)} and s.baseline_materials > 0`,
    value: { oneMinus: ['jsonb_array_length(s.materials)', 's.baseline_materials'] }, groups: SERVICE_GROUPS, drill: SERVICE_DRILL,
  }),
  kitMetric({
    key: 'approvals.scenarios', module: M, label: '情景式服务数', unit: '个',
    definition: '统计期末已设立（设立时间不晚于期末）且现为"在办"状态的情景式服务（"一件事"：一张表单、一套材料、多个事项并联办理）个数。情景式服务不保留历史版本：暂停的情景不计入任何统计期。',
    basis: '本平台口径（情景式服务无全国性规定）',
    from: (s) => sql`from approvals_scenarios sc join orgs o on o.id = sc.org_id
      where sc.region_code = ${s.region} and sc.status = 'active' and sc.updated_at <= ${period(s).to} ${orgScope(s, 'sc.org_id')}`,
    value: { count: true },
    groups: { org: { label: '牵头机构', expr: 'o.name' } },
    drill: {
      select: `sc.name, o.name as org_name, jsonb_array_length(sc.service_ids) as services, jsonb_array_length(sc.materials) as materials, sc.updated_at`,
      order: 'sc.name',
      columns: [{ key: 'name', label: '情景名称' }, { key: 'orgName', label: '牵头机构' }, { key: 'services', label: '所含事项数' }, { key: 'materials', label: '材料数' }, { key: 'updatedAt', label: '设立时间' }],
    },
  }),
];
