/**
 * 重大行政决策 figures, each with its drill-down to the records: 目录事项数 and 作出决策数, the 五大程序 rates (公众参与, 专家论证,
 * 风险评估 where required; 合法性审查 on time), the comments and their 采纳率, 听证会, 专家论证, 风险评估, 后评估 and
 * 调整 / 中止 / 停止 counts. Ratio definitions are the platform's (no national formula).
 */
import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, monthOf, period } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn } from '../../platform/metrics/timeliness.ts';
import { LEGALITY_DEADLINES } from '../legality-review/metrics.ts';

const M = 'decisions';
const BASIS = '《重大行政决策程序暂行条例》（国务院令第713号）';
const ORG = { label: '承办单位', expr: `(select name from orgs where id = c.org_id)` };
const CASE_SELECT = `c.id, c.number, c.title, (select name from orgs where id = c.org_id) as org_name`;
const CASE_COLUMNS = [{ key: 'number', label: '编号' }, { key: 'title', label: '决策事项' }, { key: 'orgName', label: '承办单位' }];

/** Decisions taken (集体讨论决定) in the period. */
const decided = (s: MetricScope) => {
  const p = period(s);
  return sql`from cases c join lateral (select max(e.occurred_at) as at from case_events e where e.case_id = c.id and e.action = 'decide') k on true
    where c.type = 'major_decision' and c.region_code = ${s.region} and k.at >= ${p.from} and k.at <= ${p.to} ${caseOrgScope(s, 'c.id')}`;
};
/** Acts of the given kinds on a decision in the period. */
const acts = (...actions: string[]) => (s: MetricScope) => {
  const p = period(s);
  return sql`from case_events e join cases c on c.id = e.case_id
    where c.type = 'major_decision' and c.region_code = ${s.region} and e.action in (${sql.join(actions)}) and e.occurred_at >= ${p.from} and e.occurred_at <= ${p.to}
    ${caseOrgScope(s, 'c.id')}`;
};
const ACT_DRILL = { select: `${CASE_SELECT}, e.occurred_at`, order: 'e.occurred_at', columns: [...CASE_COLUMNS, { key: 'occurredAt', label: '时间' }] };
const items = (s: MetricScope) => sql`from cases c cross join lateral jsonb_array_elements(c.data->'items') it
  where c.type = 'decision_catalog' and c.state = 'published' and c.region_code = ${s.region}
    and coalesce(it->>'addedOn', c.data->>'publishedOn')::date >= ${s.from}::date and coalesce(it->>'addedOn', c.data->>'publishedOn')::date <= ${s.to}::date
    ${caseOrgScope(s, 'c.id')}`;
const consultations = (s: MetricScope) => sql`from cases c
  where c.type = 'major_decision' and c.region_code = ${s.region} and (c.data->'comment'->>'closedOn') is not null
    and (c.data->'comment'->>'closedOn')::date >= ${s.from}::date and (c.data->'comment'->>'closedOn')::date <= ${s.to}::date ${caseOrgScope(s, 'c.id')}`;
const comments = (s: MetricScope) => {
  const p = period(s);
  return sql`from consultation_comments m join cases c on c.id = m.case_id
    where m.region_code = ${s.region} and m.created_at >= ${p.from} and m.created_at <= ${p.to} ${caseOrgScope(s, 'c.id')}`;
};
const reviewDue = (s: MetricScope) => sql`from cases c
  ${clockOutcome('kr', 'c.id', 'review', LEGALITY_DEADLINES.clocks.review,
    { now: s.now, from: period(s).from, actAt: `case when c.state = 'concluded' then c.closed_at end` })}
  where c.type = 'legality_review' and c.data->>'kind' = '重大行政决策' and c.region_code = ${s.region} and ${settledIn('kr', period(s))} ${caseOrgScope(s, 'c.id')}`;

/** A 五大程序 rate among the decisions taken in the period that required it. */
const procedureRate = (key: string, label: string, den: string, num: string, article: string) => kitMetric({
  key: `decisions.${key}`, module: M, label, unit: '%',
  definition: `统计期内作出决定（集体讨论决定）的重大行政决策中，应当履行该程序且已履行的件数 ÷ 应当履行的件数 × 100%。`, basis: `${BASIS}${article}；比率口径为本平台定义`,
  from: decided, value: { ratio: { num, den } }, parts: { numerator: '已履行的', denominator: '应当履行的' }, groups: { org: ORG },
  drill: { select: `${CASE_SELECT}, k.at as decided_at`, order: 'k.at', columns: [...CASE_COLUMNS, { key: 'decidedAt', label: '决定时间' }] },
});
const count = (key: string, label: string, definition: string, basis: string, ...actions: string[]) => kitMetric({
  key: `decisions.${key}`, module: M, label, unit: '次', definition, basis: `${BASIS}${basis}`, from: acts(...actions), value: { count: true },
  groups: { org: ORG, month: monthOf('e.occurred_at'), ...(actions.length > 1 ? { action: { label: '类型', expr: `e.action` } } : {}) }, drill: ACT_DRILL,
});

export const decisionMetrics: MetricDef[] = [
  kitMetric({
    key: 'decisions.catalog_items', module: M, label: '决策事项目录事项数', unit: '个',
    definition: '统计期内经同级党委同意后公布的决策事项目录所列事项数（年度中增补的按增补日期），可按决策机关分组。', basis: `${BASIS}第三条第三款`,
    from: items, value: { count: true }, groups: { org: { label: '决策机关', expr: `(select name from orgs where id = (c.data->>'ownerOrgId')::uuid)` } },
    drill: { select: `c.id, c.number, it->>'title' as title, it->>'scope' as scope, coalesce(it->>'addedOn', c.data->>'publishedOn') as listed_on`, order: 'listed_on',
      columns: [{ key: 'number', label: '目录编号' }, { key: 'title', label: '决策事项' }, { key: 'scope', label: '类别' }, { key: 'listedOn', label: '公布日期' }] },
  }),
  kitMetric({
    key: 'decisions.decided', module: M, label: '作出重大行政决策数', unit: '件',
    definition: '统计期内经集体讨论决定的重大行政决策件数（按会议记录时间），可按承办单位、月份分组。', basis: `${BASIS}第三十条`,
    from: decided, value: { count: true }, groups: { org: ORG, month: monthOf('k.at') },
    drill: { select: `${CASE_SELECT}, k.at as decided_at`, order: 'k.at', columns: [...CASE_COLUMNS, { key: 'decidedAt', label: '决定时间' }] },
  }),
  procedureRate('participation_rate', '公众参与程序履行率', `(c.data->>'nonPublicReason') is null`, `(c.data->'comment'->>'closedOn') is not null`, '第十四条、第十五条'),
  procedureRate('expert_rate', '专家论证程序履行率', `(c.data->>'needsExpert')::boolean`, `jsonb_array_length(coalesce(c.data->'experts', '[]'::jsonb)) > 0`, '第十九条'),
  procedureRate('risk_rate', '风险评估程序履行率', `(c.data->>'needsRisk')::boolean`, `(c.data->'risk') is not null and c.data->'risk' <> 'null'::jsonb`, '第二十二条'),
  kitMetric({
    key: 'decisions.review_on_time_rate', module: M, label: '重大行政决策合法性审查按时率', unit: '%',
    definition: `重大行政决策的合法性审查在审查期限内出具意见的件数 ÷ 审查期限在统计期内届满或已按时出具意见的件数 × 100%。${ON_TIME_RULES}`,
    basis: `${BASIS}第二十五条、第二十六条；期限上限本县设定`, from: reviewDue, value: onTime('kr'),
    parts: { numerator: '期限内出具审查意见的', denominator: '审查期限届满或已按时出具意见的', unknown: '期限跨入日历未载入年度、无法判断的' },
    groups: { month: monthOf('kr.settled_at') },
    drill: { select: `c.id, c.number, c.title, ${outcomeSelect('kr')}`, order: 'kr.settled_at, c.number',
      columns: [{ key: 'number', label: '编号' }, { key: 'title', label: '决策事项' }, ...OUTCOME_COLUMNS] },
  }),
  kitMetric({
    key: 'decisions.comments', module: M, label: '决策草案公众意见数', unit: '件',
    definition: '统计期内通过门户就重大行政决策草案收到的公众意见条数（按提交时间，含不予展示的）。', basis: `${BASIS}第十五条`,
    from: comments, value: { count: true }, groups: { org: ORG, month: monthOf('m.created_at') },
    drill: { select: `m.id, c.number, c.title, m.answer, m.created_at`, order: 'm.created_at',
      columns: [{ key: 'number', label: '编号' }, { key: 'title', label: '决策事项' }, { key: 'answer', label: '答复' }, { key: 'createdAt', label: '提交时间' }] },
  }),
  kitMetric({
    key: 'decisions.adoption_rate', module: M, label: '决策草案公众意见采纳率', unit: '%',
    definition: '统计期内结束征求意见的决策草案：逐条答复为采纳或部分采纳的意见条数之和 ÷ 展示的意见条数之和 × 100%。', basis: `${BASIS}第十五条、第三十二条；比率口径为本平台定义`,
    from: consultations, value: { oneMinus: [`coalesce((c.data->'comment'->>'received')::int, 0) - coalesce((c.data->'comment'->>'adopted')::int, 0)`,
      `coalesce((c.data->'comment'->>'received')::int, 0)`] },
    groups: { org: ORG },
    drill: { select: `${CASE_SELECT}, (c.data->'comment'->>'received')::int as received, (c.data->'comment'->>'adopted')::int as adopted`, order: 'c.number',
      columns: [...CASE_COLUMNS, { key: 'received', label: '意见' }, { key: 'adopted', label: '采纳（含部分）' }] },
  }),
  count('hearings', '听证会次数', '统计期内召开并记录笔录的听证会次数（按记录时间）。', '第十六条、第十七条', 'record_hearing'),
  count('expert_reviews', '专家论证意见数', '统计期内记录的专家书面论证意见份数。', '第十九条至第二十一条', 'expert_opinion'),
  count('risk_assessments', '风险评估次数', '统计期内记录的决策风险评估报告次数。', '第二十二条至第二十四条', 'risk_assessment'),
  count('post_evaluations', '决策后评估次数', '统计期内完成的决策后评估次数。', '第三十五条、第三十六条', 'post_evaluate'),
  count('adjustments', '决策调整、中止、停止次数', '统计期内决策调整（一般调整、重大调整）、中止执行、停止执行的次数，可按类型分组。', '第三十七条',
    'adjust', 'major_adjust', 'suspend', 'stop'),
];
