import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, monthOf, period } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';

/** What the review clock waits for: the opinion (出具审核意见). Declared in the manifest; 按时办结率 reads it. */
export const LEGALITY_DEADLINES: CaseDeadlines = { main: 'review', clocks: { review: { acts: ['conclude'] } } };

const M = 'legality-review';
const BASIS = '国办发〔2018〕115号；《重大行政决策程序暂行条例》第二十五条至第二十八条';

/** Reviews concluded in the period (by the date of the opinion), within the org scope. */
const concluded = (s: MetricScope) => {
  const p = period(s);
  return sql`from cases c
    where c.type = 'legality_review' and c.state = 'concluded' and c.region_code = ${s.region} and c.closed_at >= ${p.from} and c.closed_at <= ${p.to}
    ${caseOrgScope(s, 'c.id')}`;
};
/** Accepted reviews whose review clock was settled in the period (opinion by the deadline, or the deadline passed). */
const reviewDue = (s: MetricScope) => sql`from cases c
    ${clockOutcome('kr', 'c.id', 'review', LEGALITY_DEADLINES.clocks.review,
      { now: s.now, from: period(s).from, actAt: `case when c.state = 'concluded' then c.closed_at end` })}
    where c.type = 'legality_review' and c.region_code = ${s.region} and ${settledIn('kr', period(s))} ${caseOrgScope(s, 'c.id')}`;

const GROUPS = {
  kind: { label: '审查类别', expr: `coalesce(c.data->>'kind', '规范性文件')` },
  conclusion: { label: '审核结论', expr: `c.data->>'conclusion'` },
  month: monthOf('c.closed_at'),
  drafting_org: { label: '起草单位', expr: `(select name from orgs where id::text = c.data->>'draftingOrgId')` },
};
const SELECT = `c.id, c.number, c.title, coalesce(c.data->>'kind', '规范性文件') as kind, c.data->>'conclusion' as conclusion, c.data->>'opinionNo' as opinion_no, c.filed_on::text as filed_on, c.closed_at`;
const COLUMNS = [
  { key: 'number', label: '编号' }, { key: 'title', label: '文件名称' }, { key: 'kind', label: '审查类别' }, { key: 'conclusion', label: '结论' }, { key: 'opinionNo',
    label: '意见书文号' },
  { key: 'filedOn', label: '报送日期' }, { key: 'closedAt', label: '出具日期' },
];

export const legalityMetrics: MetricDef[] = [
  kitMetric({
    key: 'legality_review.count', module: M, label: '合法性审查件数', unit: '件',
    definition: '统计期内出具审核意见的合法性审查件数（按出具意见日期），含规范性文件、重大行政决策、行政协议及合同和其他涉法事务，可按审查类别分组。退回、撤回的不计。', basis: BASIS,
    from: concluded, value: { count: true }, groups: GROUPS, drill: { select: SELECT, order: 'c.closed_at, c.number', columns: COLUMNS },
  }),
  kitMetric({
    key: 'legality_review.on_time_rate', module: M, label: '合法性审查按时办结率', unit: '%',
    definition: '在审核期限内出具审核意见的件数 ÷ 审核期限在统计期内届满（应办结）的已受理件数 × 100%，逾期未出具意见的计入分母。'
      + `补充材料期间不计入期限；退回的报送未受理、没有审核期限，不计入。${ON_TIME_RULES}`,
    basis: `${BASIS}（期限）；比率口径为本平台定义（无全国统一公式）`, from: reviewDue, value: onTime('kr'),
    parts: { numerator: '期限内出具审核意见的', denominator: '审核期限届满或已按时出具意见的', unknown: '期限跨入日历未载入年度、无法判断的' },
    groups: { month: monthOf('kr.settled_at') },
    drill: { select: `${SELECT}, ${outcomeSelect('kr')}`, order: 'kr.settled_at, c.number', columns: [...COLUMNS, ...OUTCOME_COLUMNS] },
  }),
];
