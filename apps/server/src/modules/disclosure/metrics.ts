/**
 * 政务公开 figures as registered metrics: every cell of the annual report's tables 二, 三 and 四
 * (国办公开办函〔2021〕30号) is a metric, or a group of one (by applicant kind, table 三 leaf, category,
 * remedy kind and result), with the requests, catalogue items or remedies behind it as its drill-down;
 * report.ts builds the tables from them. The period is the report's year, the scope its org (exactly, for a
 * department's report) or the whole region (the government's). Plus 依申请公开按时答复率.
 */
import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, orgScope, period, type KitGroup } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';
import { PUBLICATION_CATEGORIES } from '../../platform/publication/publication.ts';
import { APPLICANT_KINDS } from './rules.ts';

/** What the request's clocks wait for: the answer (答复). Withdrawal, 视为放弃 and 逾期未缴费 end it without meeting it. */
export const DISCLOSURE_DEADLINES: CaseDeadlines = { main: 'reply', clocks: { reply: { acts: ['answer'] } } };

const M = 'disclosure';
const BASIS = '《政府信息公开条例》第五十条；国办公开办函〔2021〕30号（年度报告格式）';
const caseOf = (map: Record<string, string>, col: string) =>
  `case ${col} ${Object.entries(map).map(([k, v]) => `when '${k}' then '${v.replace(/'/g, "''")}'`).join(' ')} else ${col} end`;

// ---------- table 三: requests ----------
const requests = (where: (s: MetricScope) => ReturnType<typeof sql>) => (s: MetricScope) => sql`from disclosure_requests r join cases c on c.id = r.case_id
    join orgs o on o.id = r.org_id where r.region_code = ${s.region} and ${where(s)} ${orgScope(s, 'r.org_id')}`;
const KIND: KitGroup = {
  label: '申请人情况', expr: 'r.applicant_kind', name: caseOf(Object.fromEntries(APPLICANT_KINDS.map((k) => [k.key, k.label])), 'r.applicant_kind'),
};
const REQUEST_DRILL = {
  select: `c.id, c.number, c.title, c.state, r.applicant_kind, r.channel, to_char(r.received_on, 'YYYY-MM-DD') as received_on,
    to_char(r.closed_on, 'YYYY-MM-DD') as closed_on, r.leaf, r.answer_type, o.name as org_name`,
  order: 'r.received_on, c.number',
  columns: [
    { key: 'number', label: '编号' }, { key: 'title', label: '标题' }, { key: 'applicantKind', label: '申请人情况' }, { key: 'channel', label: '提交方式' },
    { key: 'receivedOn', label: '收到申请之日' }, { key: 'closedOn', label: '办结日期' }, { key: 'leaf', label: '办理结果（表三）' }, { key: 'answerType', label: '答复类型' },
    { key: 'orgName', label: '机关' },
  ],
};
const CLOSED_IN = (s: MetricScope) => sql`r.closed_on between ${s.from} and ${s.to}`;
const T3 = '"办结" = 作出答复之日，或视为放弃、逾期未缴费、撤回之日（送达在后，不影响）。';

type Where = (s: MetricScope) => ReturnType<typeof sql>;
function requestCount(key: string, label: string, definition: string, where: Where, groups: Record<string, KitGroup>): MetricDef {
  return kitMetric({ key, module: M, label, unit: '件', definition, basis: BASIS, from: requests(where), value: { count: true }, groups, drill: REQUEST_DRILL });
}

// ---------- table 二: the catalogue ----------
const CATEGORY: KitGroup = { label: '信息类别', expr: 'i.category', name: caseOf(PUBLICATION_CATEGORIES, 'i.category') };
const items = (where: (s: MetricScope) => ReturnType<typeof sql>) => (s: MetricScope) => sql`from disclosure_items i join orgs o on o.id = i.org_id
    where i.region_code = ${s.region} and i.status = 'published' and ${where(s)} ${orgScope(s, 'i.org_id')}`;
const ITEM_DRILL = {
  select: `i.id, i.index_no, i.title, i.doc_no, i.category, to_char(i.published_on, 'YYYY-MM-DD') as published_on,
    to_char(i.abolished_on, 'YYYY-MM-DD') as abolished_on, i.amount_wan, i.late, o.name as org_name`,
  order: 'i.published_on, i.index_no',
  columns: [
    { key: 'indexNo', label: '索引号' }, { key: 'title', label: '名称' }, { key: 'docNo', label: '文号' }, { key: 'category', label: '类别' },
    { key: 'publishedOn', label: '公开日期' }, { key: 'abolishedOn', label: '废止日期' }, { key: 'amountWan', label: '金额（万元）' }, { key: 'late', label: '逾期公开' },
    { key: 'orgName', label: '机关' },
  ],
};
const PUBLISHED_IN = (s: MetricScope) => sql`i.published_on between ${s.from} and ${s.to}`;
/** 本年制发: the day the document was made (formed_on, 信息形成之日), not the day it reached the catalogue. */
const FORMED_IN = (s: MetricScope) => sql`i.formed_on between ${s.from} and ${s.to}`;

/**
 * 本年处理决定数量 (表二 第二十条第（五）（六）项): decisions by the day they were made. The 行政许可 decisions made in yifa
 * (准予许可 / 不予许可, 行政许可法第三十八条, from the approvals module's projection, by the decision's legal date) and the
 * decisions registered in the catalogue by hand (made in other systems; by 制发日期). A catalogue item that a module
 * published for one of its own decisions (source_module set) is that module's decision, counted once, from the module.
 */
const DECISION_CATEGORIES = ['art20_5_license', 'art20_6_penalty', 'art20_6_coercion'];
const decisions = (s: MetricScope) => sql`from (
    select i.id::text as id, i.region_code, i.org_id, i.category, i.formed_on as decided_on, i.index_no as ref, i.title,
      '政府信息公开目录' as source
    from disclosure_items i
    where i.status = 'published' and i.category in (${sql.join(DECISION_CATEGORIES)})
      and (i.source_module is null or i.source_module not in ('approvals'))
    union all
    select a.case_id::text, a.region_code, a.org_id, 'art20_5_license', (a.decided_at at time zone 'Asia/Shanghai')::date, c.number,
      a.item_name || '（' || a.decision || '）', '一网通办'
    from approvals_applications a join cases c on c.id = a.case_id
    where a.decision in ('准予许可', '不予许可') and a.decided_at is not null
  ) d join orgs o on o.id = d.org_id
  where d.region_code = ${s.region} and d.decided_on between ${s.from} and ${s.to} ${orgScope(s, 'd.org_id')}`;
const DECISION_CATEGORY: KitGroup = { label: '信息类别', expr: 'd.category', name: caseOf(PUBLICATION_CATEGORIES, 'd.category') };


export const disclosureMetrics: MetricDef[] = [
  requestCount('disclosure.requests_new', '本年新收政府信息公开申请数量', `统计期内收到（收到申请之日，第三十一条）的政府信息公开申请数（年报表三第一行）。`,
    (s) => sql`r.received_on between ${s.from} and ${s.to}`, { applicant_kind: KIND }),
  requestCount('disclosure.requests_carried_in', '上年结转政府信息公开申请数量', `统计期开始前收到、开始时尚未办结的申请数（年报表三第二行）。${T3}`,
    (s) => sql`r.received_on < ${s.from} and (r.closed_on is null or r.closed_on >= ${s.from})`, { applicant_kind: KIND }),
  requestCount('disclosure.requests_closed', '本年度办理结果（总计）', `统计期内办结的申请数（年报表三第三项），按办理结果（表三各项）和申请人情况分组。${T3}`, CLOSED_IN, {
    applicant_kind: KIND,
    leaf: { label: '办理结果', expr: 'r.leaf' },
    leaf_kind: { label: '办理结果 × 申请人情况', expr: `r.leaf || '|' || r.applicant_kind` },
  }),
  requestCount('disclosure.requests_carried_out', '结转下年度继续办理', `统计期末前收到、期末尚未办结的申请数（年报表三第四行）。${T3}`,
    (s) => sql`r.received_on <= ${s.to} and (r.closed_on is null or r.closed_on > ${s.to})`, { applicant_kind: KIND }),
  kitMetric({
    key: 'disclosure.items_published', module: M, label: '主动公开政府信息数', unit: '件', basis: BASIS,
    definition: '统计期内在政府信息公开目录中公开的信息数（按公开日期），按类别分组。',
    from: items(PUBLISHED_IN), value: { count: true }, groups: { category: CATEGORY }, drill: ITEM_DRILL,
  }),
  kitMetric({
    key: 'disclosure.items_formed', module: M, label: '本年制发件数', unit: '件', basis: BASIS,
    definition: '统计期内制发（信息形成之日）并已在政府信息公开目录中公开的信息数，按类别分组（年报表二：规章、行政规范性文件的本年制发件数）。'
      + '次年才公开的，计入制发之年。',
    from: items(FORMED_IN), value: { count: true }, groups: { category: CATEGORY }, drill: ITEM_DRILL,
  }),
  kitMetric({
    key: 'disclosure.decisions', module: M, label: '本年处理决定数量', unit: '件', basis: `${BASIS}；《行政许可法》第三十八条`,
    definition: '统计期内作出的行政许可、行政处罚、行政强制决定数（年报表二），按类别分组：本平台作出的准予／不予行政许可决定（按决定日期），'
      + '加上在政府信息公开目录中登记的其他系统作出的决定（按制发日期）；模块自行公开的决定只计一次。',
    from: decisions, value: { count: true }, groups: { category: DECISION_CATEGORY },
    drill: {
      select: `d.id, d.ref, d.title, d.category, to_char(d.decided_on, 'YYYY-MM-DD') as decided_on, d.source, o.name as org_name`,
      order: 'd.decided_on, d.ref',
      columns: [
        { key: 'ref', label: '编号' }, { key: 'title', label: '名称' }, { key: 'category', label: '类别' }, { key: 'decidedOn', label: '决定日期' },
        { key: 'source', label: '来源' }, { key: 'orgName', label: '机关' },
      ],
    },
  }),
  kitMetric({
    key: 'disclosure.items_published_late', module: M, label: '逾期公开政府信息数', unit: '件', basis: `${BASIS}；第二十六条（20个工作日内公开）`,
    definition: '统计期内公开、公开日期晚于公开期限（信息形成或变更之日起 20 个工作日，第二十六条）的信息数。尚未公开的信息不在其中（目录只在公开时计算期限）。',
    from: items((s) => sql`${PUBLISHED_IN(s)} and i.late`), value: { count: true }, groups: { category: CATEGORY }, drill: ITEM_DRILL,
  }),
  kitMetric({
    key: 'disclosure.items_abolished', module: M, label: '本年废止件数', unit: '件', basis: BASIS,
    definition: '统计期内废止的已公开信息数（按废止日期；年报表二），按类别分组。',
    from: items((s) => sql`i.abolished_on between ${s.from} and ${s.to}`), value: { count: true }, groups: { category: CATEGORY }, drill: ITEM_DRILL,
  }),
  kitMetric({
    key: 'disclosure.items_valid', module: M, label: '现行有效件数', unit: '件', basis: BASIS,
    definition: '统计期末前公开、期末未废止的信息数（年报表二），按类别分组。',
    from: items((s) => sql`i.published_on <= ${s.to} and (i.abolished_on is null or i.abolished_on > ${s.to})`),
    value: { count: true }, groups: { category: CATEGORY }, drill: ITEM_DRILL,
  }),
  kitMetric({
    key: 'disclosure.fees_charged', module: M, label: '行政事业性收费金额', unit: '万元', basis: `${BASIS}；第二十条第（八）项`,
    definition: '统计期内形成（信息形成之日）并已公开的行政事业性收费信息的金额之和（万元，年报表二）。',
    from: items((s) => sql`${FORMED_IN(s)} and i.category = 'art20_8_fee'`), value: { sum: 'i.amount_wan', digits: 4 }, groups: {}, drill: ITEM_DRILL,
  }),
  kitMetric({
    key: 'disclosure.processing_fees', module: M, label: '信息处理费', unit: '元', basis: '《政府信息处理费管理办法》（国办函〔2020〕109号）；条例第四十二条',
    definition: '统计期内缴纳（按缴费之日）的信息处理费之和（元，年报第六部分）。',
    from: requests((s) => sql`r.fee_paid and r.fee_paid_on between ${s.from} and ${s.to}`), value: { sum: 'r.fee_amount', digits: 2 },
    groups: { applicant_kind: KIND }, drill: REQUEST_DRILL,
  }),
  kitMetric({
    key: 'disclosure.remedies', module: M, label: '政府信息公开行政复议、行政诉讼', unit: '件', basis: BASIS,
    definition: '统计期内曾在审（期末前立案、期初尚未审结）的行政复议和行政诉讼数（年报表四）：期内审结的按结果（维持、纠正、其他），未审结的为"尚未审结"。'
      + '纠正、其他按登记的结果（30号文未作定义，为本平台口径）。',
    // b.result: the result if concluded in the period, else 尚未审结
    from: (s) => sql`from disclosure_remedies m join cases c on c.id = m.case_id
      cross join lateral (select case when m.concluded_on between ${s.from}::date and ${s.to}::date then m.result else 'pending' end as result) b
      where m.region_code = ${s.region} and m.filed_on <= ${s.to} and (m.concluded_on is null or m.concluded_on >= ${s.from}) ${orgScope(s, 'm.org_id')}`,
    value: { count: true },
    groups: {
      kind: { label: '类型', expr: 'm.kind' },
      result: { label: '结果', expr: 'b.result' },
      kind_result: { label: '类型 × 结果', expr: `m.kind || '|' || b.result` },
    },
    drill: {
      select: `m.id, c.id as case_id, c.number, m.kind, m.case_no, to_char(m.filed_on, 'YYYY-MM-DD') as filed_on, m.result,
        to_char(m.concluded_on, 'YYYY-MM-DD') as concluded_on`,
      order: 'm.filed_on, c.number',
      columns: [
        { key: 'number', label: '申请编号' }, { key: 'kind', label: '类型' }, { key: 'caseNo', label: '案号' }, { key: 'filedOn', label: '立案日期' },
        { key: 'result', label: '结果' }, { key: 'concludedOn', label: '审结日期' },
      ],
    },
  }),
  kitMetric({
    key: 'disclosure.reply_on_time_rate', module: M, label: '依申请公开按时答复率', unit: '%', basis: '《政府信息公开条例》第三十三条（答复期限）、第三十条（补正）、第三十五条（延迟答复）',
    definition: '在答复期限（含经批准的延长；补正、征求意见、缴费期间依法不计）内作出答复的申请数 ÷ 答复期限在统计期内届满（应答复）的申请数 × 100%，逾期未答复的计入分母。'
      + `撤回、逾期不补正视为放弃、逾期未缴费不再处理的，在期限届满前的不计，届满后的计为逾期。${ON_TIME_RULES}`,
    from: (s) => sql`from disclosure_requests r join cases c on c.id = r.case_id join orgs o on o.id = r.org_id
      ${clockOutcome('k', 'r.case_id', 'reply', DISCLOSURE_DEADLINES.clocks.reply, { now: s.now, from: period(s).from })}
      where r.region_code = ${s.region} and ${settledIn('k', period(s))} ${orgScope(s, 'r.org_id')}`,
    value: onTime('k'),
    parts: { numerator: '期限内答复的申请', denominator: '答复期限届满或已按时答复的申请', unknown: '期限跨入日历未载入年度、无法判断的申请' },
    groups: { applicant_kind: KIND, org: { label: '机关', expr: 'o.name' } },
    drill: {
      select: `${REQUEST_DRILL.select}, ${outcomeSelect('k')}`, order: 'k.settled_at, c.number', columns: [...REQUEST_DRILL.columns, ...OUTCOME_COLUMNS],
    },
  }),
];
