import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, orgScope, period } from '../../platform/metrics/kit.ts';
import { subjectsFrom } from './subjects.ts';
import { ACT_LABEL_SQL, missingRecordings } from './recordings.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';

/** What the clocks wait for (declared in the manifest; the on-time metrics read them). */
export const PENALTY_DEADLINES: CaseDeadlines = {
  main: 'decision',
  clocks: {
    decision: { acts: ['decide', 'summary_decide'] }, delivery: { acts: ['deliver'] }, publication: { acts: ['publish'] },
    hearing_request: { acts: ['request_hearing'] }, withdrawal: { acts: ['withdraw_publication'] }, preservation: { acts: ['preservation_decide'] },
    payment: { acts: ['execute', 'close'] },
  },
};

const M = 'enforcement';
const LAW = '《中华人民共和国行政处罚法》（2021年修订）';

/** Officers whose certificate is valid on the last day of the period. */
const validOfficers = (s: MetricScope) => sql`from enforcement_officers e join orgs o on o.id = e.org_id
  where e.region_code = ${s.region} and e.status = '有效' and e.issued_on <= ${s.to}::date and e.expires_on >= ${s.to}::date ${orgScope(s, 'e.org_id')}`;
const filed = (s: MetricScope) => sql`from cases c where c.type = 'penalty_case' and c.region_code = ${s.region}
  and c.filed_on >= ${s.from}::date and c.filed_on <= ${s.to}::date ${caseOrgScope(s, 'c.id')}`;
const decided = (s: MetricScope) => sql`from cases c where c.type = 'penalty_case' and c.region_code = ${s.region}
  and (c.data->>'decidedOn') >= ${s.from} and (c.data->>'decidedOn') <= ${s.to} ${caseOrgScope(s, 'c.id')}`;

/** Cases whose clock `key` was settled in the period (act by the deadline, or the deadline passed). */
const clockDue = (key: 'decision' | 'publication' | 'withdrawal') => (s: MetricScope) => sql`from cases c
    ${clockOutcome('k', 'c.id', key, PENALTY_DEADLINES.clocks[key], { now: s.now, from: period(s).from })}
    where c.type = 'penalty_case' and c.region_code = ${s.region} and ${settledIn('k', period(s))} ${caseOrgScope(s, 'c.id')}`;
/** Cases with an event of one of these actions in the period. */
const withAct = (acts: string[]) => (s: MetricScope) => {
  const p = period(s);
  return sql`from cases c join case_events ev on ev.case_id = c.id and ev.action in (${sql.join(acts)})
    and ev.occurred_at >= ${p.from} and ev.occurred_at <= ${p.to}
    where c.type = 'penalty_case' and c.region_code = ${s.region} ${caseOrgScope(s, 'c.id')}`;
};

/** Cases whose 告知 (in the period) proposed a fine outside the 裁量基准 range (with the written reason the gate required). */
const deviations = (s: MetricScope) => sql`from cases c where c.type = 'penalty_case' and c.region_code = ${s.region}
  and (c.data->'discretion'->>'deviates') = 'true' and (c.data->>'notifiedOn') >= ${s.from} and (c.data->>'notifiedOn') <= ${s.to} ${caseOrgScope(s, 'c.id')}`;

/** Officers who attended a 培训 or 考试 session held in the period (each officer once). */
const trained = (s: MetricScope) => sql`from enforcement_officers e join orgs o on o.id = e.org_id
  where e.region_code = ${s.region} and exists (select 1 from enforcement_training_attendees a join enforcement_trainings t on t.id = a.training_id
    where a.officer_id = e.id and t.held_on >= ${s.from}::date and t.held_on <= ${s.to}::date) ${orgScope(s, 'e.org_id')}`;

const CASE_SELECT = `c.id, c.number, c.title, c.data->>'powerCode' as power_code, c.data->>'procedure' as procedure, c.data->>'outcome' as outcome,
  c.data->>'filedOn' as filed_on, c.data->>'decidedOn' as decided_on`;
const CASE_COLUMNS = [
  { key: 'number', label: '案号' }, { key: 'title', label: '案件' }, { key: 'powerCode', label: '职权编码' }, { key: 'procedure', label: '程序' },
  { key: 'outcome', label: '决定结果' }, { key: 'filedOn', label: '立案日期' }, { key: 'decidedOn', label: '决定日期' },
];
const CASE_GROUPS = { procedure: { label: '程序', expr: `c.data->>'procedure'` }, org: { label: '执法机关', expr: `(select name from orgs where id = c.org_id)` } };

export const enforcementMetrics: MetricDef[] = [
  kitMetric({
    key: 'enforcement.subjects', module: M, label: '行政执法主体数', unit: '个',
    definition: '统计期末日在权责清单中行使至少一项行政处罚、行政强制、行政检查或行政征收职权（本机关的或下放至本乡镇的）的机关和组织数。',
    basis: '国办发〔2018〕118号（事前公示执法主体）；执法职权类型的范围为本平台定义（118号原文未核实）', from: subjectsFrom, value: { count: true },
    groups: { kind: { label: '机构类别',
      expr: `case o.kind when 'township' then '乡镇（街道）' when 'department' then '部门' when 'government' then '人民政府' else '其他组织' end` } },
    drill: { select: `o.id, o.code, o.name`, order: 'o.code', columns: [{ key: 'code', label: '机构编码' }, { key: 'name', label: '执法主体' }] },
  }),
  kitMetric({
    key: 'enforcement.recording_gaps', module: M, label: '全过程记录缺失（音像记录）', unit: '个',
    definition: '统计期内发生、按本县设定须全程音像记录的执法环节（调查取证、先行登记保存、听证、送达等）中，至今未附音像记录的环节数。',
    basis: `${LAW}第四十七条；国办发〔2018〕118号（须音像记录的情形为本县设定，118号原文未核实）`, from: missingRecordings, value: { count: true },
    groups: { ...CASE_GROUPS, act: { label: '执法环节', expr: ACT_LABEL_SQL } },
    drill: { select: `c.id, c.number, c.title, ${ACT_LABEL_SQL} as act, ev.seq, ev.occurred_at`, order: 'ev.occurred_at, c.number',
      columns: [{ key: 'number', label: '案号' }, { key: 'title', label: '案件' }, { key: 'act', label: '执法环节' }, { key: 'seq', label: '步骤' },
        { key: 'occurredAt', label: '发生时间' }] },
  }),
  kitMetric({
    key: 'enforcement.officers', module: M, label: '执法人员数（持有效执法证件）', unit: '个',
    definition: '统计期末日执法证件状态为有效且在有效期内的执法人员人数。暂扣、注销、过期的不计。',
    basis: `${LAW}第四十二条（执法人员应当具有行政执法资格）；国办发〔2018〕118号`, from: validOfficers, value: { count: true },
    groups: { org: { label: '所属机关', expr: 'o.name' } },
    drill: { select: `e.id, e.cert_no, e.name, o.name as org_name, e.expires_on::text as expires_on`, order: 'e.cert_no',
      columns: [{ key: 'certNo', label: '执法证号' }, { key: 'name', label: '姓名' }, { key: 'orgName', label: '所属机关' }, { key: 'expiresOn', label: '有效期至' }] },
  }),
  kitMetric({
    key: 'enforcement.trained', module: M, label: '培训考试人数', unit: '人',
    definition: '统计期内参加过至少一次执法培训或考试（按举办日期）的执法人员人数，每人计一次。',
    basis: '国办发〔2018〕118号（加强执法人员培训）；大学习大练兵大比武活动为本地做法', from: trained, value: { count: true },
    groups: { org: { label: '所属机关', expr: 'o.name' } },
    drill: { select: `e.id, e.cert_no, e.name, o.name as org_name`, order: 'e.cert_no',
      columns: [{ key: 'certNo', label: '执法证号' }, { key: 'name', label: '姓名' }, { key: 'orgName', label: '所属机关' }] },
  }),
  kitMetric({
    key: 'enforcement.filed', module: M, label: '行政处罚立案数', unit: '件', definition: '统计期内立案的行政处罚案件数（普通程序和简易程序，按立案时间）。',
    basis: `${LAW}第五十四条（立案）`, from: filed, value: { count: true }, groups: { ...CASE_GROUPS, month: { label: '月份', expr: `to_char(c.filed_on, 'YYYY-MM')` } },
    drill: { select: CASE_SELECT, order: 'c.filed_on, c.number', columns: CASE_COLUMNS },
  }),
  kitMetric({
    key: 'enforcement.decided', module: M, label: '行政处罚决定数', unit: '件', definition: '统计期内作出行政处罚决定（含不予处罚、移送司法机关）的案件数，按决定日期。',
    basis: `${LAW}第五十七条`, from: decided, value: { count: true }, groups: { ...CASE_GROUPS, outcome: { label: '决定结果', expr: `c.data->>'outcome'` } },
    drill: { select: CASE_SELECT, order: `c.data->>'decidedOn', c.number`, columns: CASE_COLUMNS },
  }),
  kitMetric({
    key: 'enforcement.decided_within_90_days', module: M, label: '九十日内作出决定率', unit: '%',
    definition: `自立案之日起九十日内作出处罚决定（含不予处罚、移送）的案件 ÷ 九十日期限在统计期内届满或已按时决定的案件 × 100%，逾期未决定的计入分母。${ON_TIME_RULES}`,
    basis: `${LAW}第六十条；比率口径为本平台定义`, from: clockDue('decision'), value: onTime('k'),
    parts: { numerator: '九十日内作出决定的', denominator: '期限届满或已按时决定的', unknown: '期限跨入日历未载入年度、无法判断的' },
    groups: CASE_GROUPS,
    drill: { select: `${CASE_SELECT}, ${outcomeSelect('k')}`, order: 'k.settled_at, c.number', columns: [...CASE_COLUMNS, ...OUTCOME_COLUMNS] },
  }),
  kitMetric({
    key: 'enforcement.publication_on_time_rate', module: M, label: '行政执法决定公示及时率', unit: '%',
    definition: `自作出决定之日起7个工作日内公示的决定 ÷ 公示期限在统计期内届满或已按时公示的决定 × 100%，逾期未公示的计入分母。${ON_TIME_RULES}`,
    basis: '国办发〔2018〕118号（7个工作日内公开）；比率口径为本平台定义', from: clockDue('publication'), value: onTime('k'),
    parts: { numerator: '7个工作日内公示的', denominator: '公示期限届满或已按时公示的', unknown: '期限跨入日历未载入年度、无法判断的' },
    groups: CASE_GROUPS,
    drill: { select: `${CASE_SELECT}, ${outcomeSelect('k')}`, order: 'k.settled_at, c.number', columns: [...CASE_COLUMNS, ...OUTCOME_COLUMNS] },
  }),
  kitMetric({
    key: 'enforcement.published', module: M, label: '执法公示条数', unit: '件', definition: '统计期内公示的行政执法决定数（按公示时间）。',
    basis: '国办发〔2018〕118号', from: withAct(['publish']), value: { count: true }, groups: CASE_GROUPS,
    drill: { select: CASE_SELECT, order: 'ev.occurred_at, c.number', columns: CASE_COLUMNS },
  }),
  kitMetric({
    key: 'enforcement.withdrawal_on_time_rate', module: M, label: '撤回公示及时率（三个工作日内）', unit: '%',
    definition: `公示的处罚决定被变更、撤销、确认违法或者确认无效后三个工作日内撤回的 ÷ 撤回期限在统计期内届满或已按时撤回的 × 100%，逾期未撤回的计入分母`
      + `（从未公示的决定由系统即时结束期限，计为按时）。${ON_TIME_RULES}`,
    basis: `${LAW}第四十八条第二款、第八十五条；比率口径为本平台定义`, from: clockDue('withdrawal'), value: onTime('k'),
    parts: { numerator: '三个工作日内撤回的', denominator: '撤回期限届满或已按时撤回的', unknown: '期限跨入日历未载入年度、无法判断的' },
    groups: CASE_GROUPS,
    drill: { select: `${CASE_SELECT}, ${outcomeSelect('k')}`, order: 'k.settled_at, c.number', columns: [...CASE_COLUMNS, ...OUTCOME_COLUMNS] },
  }),
  kitMetric({
    key: 'enforcement.discretion_deviations', module: M, label: '偏离裁量基准件数', unit: '件',
    definition: '统计期内告知的拟罚款超出所适用裁量基准幅度的案件数（按告知日期）；每件均附书面理由并经法制审核。',
    basis: `${LAW}第三十四条；国办发〔2018〕118号`, from: deviations, value: { count: true }, groups: CASE_GROUPS,
    drill: {
      select: `${CASE_SELECT}, c.data->'discretion'->>'version' as discretion_version, c.data->>'deviationReason' as deviation_reason`,
      order: `c.data->>'notifiedOn', c.number`,
      columns: [...CASE_COLUMNS, { key: 'discretionVersion', label: '适用基准版本' }, { key: 'deviationReason', label: '偏离理由' }],
    },
  }),
  kitMetric({
    key: 'enforcement.legal_reviews', module: M, label: '法制审核件数', unit: '件', definition: '统计期内出具法制审核意见（通过或未通过）的次数，按审核时间。',
    basis: `${LAW}第五十八条`, from: withAct(['review_pass', 'review_fail']), value: { count: true },
    groups: { ...CASE_GROUPS, result: { label: '审核结果', expr: `case ev.action when 'review_pass' then '通过' else '未通过' end` } },
    drill: {
      select: `${CASE_SELECT}, ev.action as review_action`, order: 'ev.occurred_at, c.number',
      columns: [...CASE_COLUMNS, { key: 'reviewAction', label: '审核结果' }],
    },
  }),
  kitMetric({
    key: 'enforcement.hearings', module: M, label: '听证件数', unit: '件', definition: '统计期内当事人申请听证的案件数（按申请时间）。',
    basis: `${LAW}第六十三条、第六十四条`, from: withAct(['request_hearing']), value: { count: true }, groups: CASE_GROUPS,
    drill: { select: CASE_SELECT, order: 'ev.occurred_at, c.number', columns: CASE_COLUMNS },
  }),
];
