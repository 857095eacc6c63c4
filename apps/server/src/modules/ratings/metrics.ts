import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, monthOf, orgScope, period } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';

/** What the 差评整改 clocks wait for (declared in the manifest; 整改按时率 reads it). */
export const RECTIFICATION_DEADLINES: CaseDeadlines = { main: 'rectify', clocks: { verify: { acts: ['callback'] }, rectify: { acts: ['rectify'] } } };

/** Ratings given in the period, not excluded by an upheld 申诉复核, within the org scope. */
const ratings = (extra = '') => (s: MetricScope) => {
  const p = period(s);
  return sql`from ratings_ratings r join orgs o on o.id = r.org_id
    left join cases rc on rc.id = r.rectification_case_id
    where r.region_code = ${s.region} and not r.excluded and r.rated_at >= ${p.from} and r.rated_at <= ${p.to} ${sql.raw(extra)} ${orgScope(s, 'r.org_id')}`;
};
/** 差评 whose rectification clock was settled in the period (rectified by the deadline, or late — rectified or not). */
const rectifyDue = (s: MetricScope) => sql`from ratings_ratings r join orgs o on o.id = r.org_id
    left join cases rc on rc.id = r.rectification_case_id
    ${clockOutcome('kr', 'r.rectification_case_id', 'rectify', RECTIFICATION_DEADLINES.clocks.rectify,
      { now: s.now, from: period(s).from, actAt: `case when rc.state = 'rectified' then rc.closed_at end` })}
    where r.region_code = ${s.region} and not r.excluded and r.level <= 2 and ${settledIn('kr', period(s))} ${orgScope(s, 'r.org_id')}`;
const GROUPS = {
  org: { label: '单位', expr: 'o.name' },
  item: { label: '事项', expr: 'coalesce(r.item_name, r.case_type)' },
  channel: { label: '渠道', expr: `case r.channel when 'window' then '窗口评价器' when 'online' then '网上' when 'sms' then '短信/二维码' else '12345' end` },
  month: monthOf('r.rated_at'),
};
const DRILL_SELECT = `r.case_number, r.item_name, o.name as org_name, r.level, r.channel, r.active, r.real_name, r.comment, r.rated_at,
  rc.number as rectification_number, rc.state as rectification_state`;
const DRILL_COLUMNS = [
  { key: 'caseNumber', label: '办件编号' }, { key: 'itemName', label: '事项' }, { key: 'orgName', label: '单位' }, { key: 'level', label: '评价等级（5=非常满意）' },
  { key: 'channel', label: '渠道' }, { key: 'active', label: '主动评价' }, { key: 'realName', label: '实名' }, { key: 'comment', label: '意见' },
  { key: 'ratedAt', label: '评价时间' },
  { key: 'rectificationNumber', label: '整改编号' }, { key: 'rectificationState', label: '整改状态' },
];
const DRILL = { select: DRILL_SELECT, order: 'r.rated_at, r.case_number', columns: DRILL_COLUMNS };
const RECTIFY_DRILL = {
  select: `${DRILL_SELECT}, kr.outcome = 'met' as rectified_on_time, ${outcomeSelect('kr')}`, order: 'kr.settled_at, r.case_number',
  columns: [...DRILL_COLUMNS, { key: 'rectifiedOnTime', label: '按时整改' }, ...OUTCOME_COLUMNS],
};
const BAD = 'and r.level <= 2';
const M = 'ratings';
const BASIS = '国办发〔2019〕51号；GB/T 39734-2020（计算公式为本平台口径，无全国统一公式）';
const EXCL = '申诉复核成立的评价不计入。';

export const ratingsMetrics: MetricDef[] = [
  kitMetric({
    key: 'ratings.count', module: M, label: '评价数', unit: '件', definition: `统计期内的评价条数（主动评价与系统默认评价）。${EXCL}`, basis: BASIS,
    from: ratings(), value: { count: true }, groups: GROUPS, drill: DRILL,
  }),
  kitMetric({
    key: 'ratings.active_rate', module: M, label: '主动评价率', unit: '%', definition: `评价人主动作出的评价数 ÷ 评价数 × 100%（系统默认评价只计入分母）。${EXCL}`, basis: BASIS,
    from: ratings(), value: { ratio: { num: 'r.active' } }, parts: { numerator: '主动评价', denominator: '评价' }, groups: GROUPS, drill: DRILL,
  }),
  kitMetric({
    key: 'ratings.satisfaction_rate', module: M, label: '满意率', unit: '%', definition: `（非常满意 + 满意 + 基本满意）÷ 评价数 × 100%。${EXCL}`, basis: BASIS,
    from: ratings(), value: { ratio: { num: 'r.level >= 3' } }, parts: { numerator: '非常满意、满意、基本满意的评价', denominator: '评价' }, groups: GROUPS, drill: DRILL,
  }),
  kitMetric({
    key: 'ratings.bad_count', module: M, label: '差评数', unit: '件', definition: `评价为不满意或非常不满意的条数。${EXCL}`, basis: BASIS,
    from: ratings(BAD), value: { count: true }, groups: GROUPS, drill: DRILL,
  }),
  kitMetric({
    key: 'ratings.rectification_rate', module: M, label: '差评整改率', unit: '%', definition: `已整改并反馈的差评数 ÷ 差评数 × 100%（申诉复核中的差评仍在分母中；申诉成立的不计入）。`, basis: BASIS,
    from: ratings(BAD), value: { ratio: { num: `rc.state = 'rectified'` } }, parts: { numerator: '已整改并反馈的差评', denominator: '差评' }, groups: GROUPS, drill: DRILL,
  }),
  kitMetric({
    key: 'ratings.rectification_on_time_rate', module: M, label: '整改按时率', unit: '%',
    definition: '在整改期限（默认 15 个工作日，可配置；申诉复核期间不计）内整改并反馈的差评数 ÷ 整改期限在统计期内届满（应整改）的差评数 × 100%，'
      + `逾期未整改的差评计入分母；申诉成立的差评不计入。按整改期限结果确定的时间计入统计期。${ON_TIME_RULES}`,
    basis: BASIS, from: rectifyDue, value: onTime('kr'),
    parts: { numerator: '按时整改的差评', denominator: '整改期限届满或已按时整改的差评', unknown: '期限跨入日历未载入年度、无法判断的差评' },
    groups: { ...GROUPS, month: monthOf('kr.settled_at') }, drill: RECTIFY_DRILL,
  }),
  kitMetric({
    key: 'ratings.realname_callback_rate', module: M, label: '实名差评回访率', unit: '%', definition: `已回访核实的实名差评数 ÷ 实名差评数 × 100%。${EXCL}`,
    basis: `${BASIS}；"实名差评回访率100%"见德州等地方案`, from: ratings(`${BAD} and r.real_name`),
    value: { ratio: { num: `rc.data->>'callbackDone' = 'true'` } }, parts: { numerator: '已回访核实的实名差评', denominator: '实名差评' }, groups: GROUPS, drill: DRILL,
  }),
];
