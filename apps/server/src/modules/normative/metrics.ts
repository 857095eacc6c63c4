import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, monthOf, orgScope, period } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';

/** What the 备案 clock waits for (报送备案) and the 纠错 clock (its outcome). */
export const NORMATIVE_DEADLINES: CaseDeadlines = { clocks: { filing: { acts: ['file'] }, correction: { acts: ['correction_outcome'] } } };

const M = 'normative';
const BASIS = '国办发〔2018〕37号；国办发〔2018〕115号；《优化营商环境条例》第六十二条至第六十四条';

const ORG = { label: '制定机关', expr: `(select name from orgs where id = n.org_id)` };
const DOC_SELECT = `n.case_id as id, n.reg_no, n.doc_no, n.title, (select name from orgs where id = n.org_id) as org_name, n.registered_on::text as registered_on,
  n.published_on::text as published_on, n.state`;
const DOC_COLUMNS = [
  { key: 'regNo', label: '统一登记号' }, { key: 'docNo', label: '发文字号' }, { key: 'title', label: '文件名称' }, { key: 'orgName', label: '制定机关' },
  { key: 'registeredOn', label: '登记日期' }, { key: 'publishedOn', label: '公布日期' },
];

/** Documents registered in the period (imported registries included: they were registered then). */
const registered = (s: MetricScope) => sql`from normative_docs n
  where n.region_code = ${s.region} and n.registered_on >= ${s.from}::date and n.registered_on <= ${s.to}::date ${orgScope(s, 'n.org_id')}`;

/** Consultations closed in the period, with the comments received and adopted. */
const consultations = (s: MetricScope) => sql`from cases c join normative_docs n on n.case_id = c.id
  where c.type = 'normative_document' and c.region_code = ${s.region} and (c.data->'comment'->>'closedOn') is not null
    and (c.data->'comment'->>'closedOn')::date >= ${s.from}::date and (c.data->'comment'->>'closedOn')::date <= ${s.to}::date ${orgScope(s, 'n.org_id')}`;

const comments = (s: MetricScope) => {
  const p = period(s);
  return sql`from consultation_comments m join normative_docs n on n.case_id = m.case_id
    where m.region_code = ${s.region} and m.created_at >= ${p.from} and m.created_at <= ${p.to} ${orgScope(s, 'n.org_id')}`;
};

const filingDue = (s: MetricScope) => sql`from cases c join normative_docs n on n.case_id = c.id
  ${clockOutcome('kf', 'c.id', 'filing', NORMATIVE_DEADLINES.clocks.filing, { now: s.now, from: period(s).from,
    actAt: `(select min(e.occurred_at) from case_events e where e.case_id = c.id and e.action = 'file')` })}
  where c.type = 'normative_document' and c.region_code = ${s.region} and ${settledIn('kf', period(s))} ${caseOrgScope(s, 'c.id')}`;

const corrections = (s: MetricScope) => {
  const p = period(s);
  return sql`from case_events e join cases c on c.id = e.case_id join normative_docs n on n.case_id = c.id
    where c.type = 'normative_document' and e.action = 'filing_correct' and c.region_code = ${s.region}
      and e.occurred_at >= ${p.from} and e.occurred_at <= ${p.to} ${orgScope(s, 'n.org_id')}`;
};

const cleanups = (s: MetricScope) => sql`from normative_campaign_items i join normative_campaigns k on k.id = i.campaign_id
  join normative_docs n on n.case_id = i.case_id
  where k.region_code = ${s.region} and i.decision is not null and i.decided_on >= ${s.from}::date and i.decided_on <= ${s.to}::date ${orgScope(s, 'n.org_id')}`;

export const normativeMetrics: MetricDef[] = [
  kitMetric({
    key: 'normative.made', module: M, label: '规范性文件制定数', unit: '件',
    definition: '统计期内统一登记的行政规范性文件件数（按登记日期；导入的既有登记簿按原登记日期），可按制定机关、月份分组。', basis: BASIS,
    from: registered, value: { count: true }, groups: { org: ORG, month: { label: '月份', expr: `to_char(n.registered_on, 'YYYY-MM')` } },
    drill: { select: DOC_SELECT, order: 'n.registered_on, n.reg_no', columns: DOC_COLUMNS },
  }),
  kitMetric({
    key: 'normative.comments', module: M, label: '征求意见收到意见数', unit: '件',
    definition: '统计期内通过门户就规范性文件草案收到的公众意见条数（按提交时间）。', basis: '《优化营商环境条例》第六十二条',
    from: comments, value: { count: true }, groups: { org: ORG, month: monthOf('m.created_at') },
    drill: { select: `m.id, n.title, (select name from orgs where id = n.org_id) as org_name, m.created_at`, order: 'm.created_at',
      columns: [{ key: 'title', label: '草案' }, { key: 'orgName', label: '起草机关' }, { key: 'createdAt', label: '提交时间' }] },
  }),
  kitMetric({
    key: 'normative.adoption_rate', module: M, label: '征求意见采纳率', unit: '%',
    definition: '统计期内结束征求意见的草案：采纳（含部分采纳）的意见条数之和 ÷ 收到的意见条数之和 × 100%。采纳条数由起草单位对每条意见的答复（采纳、部分采纳、不采纳）汇总，公布采纳情况时记入。',
    basis: '《优化营商环境条例》第六十二条（意见采纳情况反馈机制）；比率口径为本平台定义',
    from: consultations,
    value: { oneMinus: [`coalesce((c.data->'comment'->>'received')::int, 0) - coalesce((c.data->'comment'->>'adopted')::int, 0)`,
      `coalesce((c.data->'comment'->>'received')::int, 0)`] },
    groups: { org: ORG },
    drill: { select: `c.id, n.title, (c.data->'comment'->>'received')::int as received, (c.data->'comment'->>'adopted')::int as adopted, c.data->'comment'->>'closedOn' as closed_on`,
      order: 'closed_on', columns: [{ key: 'title', label: '草案' }, { key: 'received', label: '收到意见' }, { key: 'adopted', label: '采纳' }, { key: 'closedOn', label: '结束日期' }] },
  }),
  kitMetric({
    key: 'normative.filing_on_time_rate', module: M, label: '规范性文件备案及时率', unit: '%',
    definition: `自公布之日起在本县设定的备案期限内报送备案的件数 ÷ 备案期限在统计期内届满或已按时报送的件数 × 100%，逾期未报送的计入分母。${ON_TIME_RULES}`,
    basis: '国办发〔2018〕37号（及时报送备案）；期限未见全国规定，本县设定', from: filingDue, value: onTime('kf'),
    parts: { numerator: '期限内报送备案的', denominator: '备案期限届满或已按时报送的', unknown: '期限跨入日历未载入年度、无法判断的' },
    groups: { month: monthOf('kf.settled_at') },
    drill: { select: `${DOC_SELECT}, ${outcomeSelect('kf')}`, order: 'kf.settled_at, n.reg_no', columns: [...DOC_COLUMNS, ...OUTCOME_COLUMNS] },
  }),
  kitMetric({
    key: 'normative.corrections', module: M, label: '备案审查纠错数', unit: '件',
    definition: '统计期内司法局经备案审查发出纠错通知的件数（按通知日期）。', basis: '"有件必备、有备必审、有错必纠"（《法规规章备案审查条例》第三条）；国办发〔2018〕37号',
    from: corrections, value: { count: true }, groups: { org: ORG, month: monthOf('e.occurred_at') },
    drill: { select: `${DOC_SELECT}, e.occurred_at as noticed_at`, order: 'e.occurred_at', columns: [...DOC_COLUMNS, { key: 'noticedAt', label: '纠错通知时间' }] },
  }),
  kitMetric({
    key: 'normative.cleanup', module: M, label: '规范性文件清理结果', unit: '件',
    definition: '统计期内清理中作出决定的文件件数，按决定（继续有效、修改、废止、宣布失效）分组。', basis: '国办发〔2018〕37号（定期清理）；周期未见全国规定',
    from: cleanups, value: { count: true }, groups: { decision: { label: '清理决定', expr: 'i.decision' }, org: ORG },
    drill: { select: `${DOC_SELECT}, i.decision, i.decided_on::text as decided_on`, order: 'i.decided_on, n.reg_no',
      columns: [...DOC_COLUMNS, { key: 'decision', label: '清理决定' }, { key: 'decidedOn', label: '决定日期' }] },
  }),
];
