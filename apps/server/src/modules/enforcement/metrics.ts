import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, orgScope } from '../../platform/metrics/kit.ts';

const M = 'enforcement';
const LAW = '《中华人民共和国行政处罚法》（2021年修订）';

/** Officers whose certificate is valid on the last day of the period. */
const validOfficers = (s: MetricScope) => sql`from enforcement_officers e join orgs o on o.id = e.org_id
  where e.region_code = ${s.region} and e.status = '有效' and e.issued_on <= ${s.to}::date and e.expires_on >= ${s.to}::date ${orgScope(s, 'e.org_id')}`;
const filed = (s: MetricScope) => sql`from cases c where c.type = 'penalty_case' and c.region_code = ${s.region}
  and c.filed_on >= ${s.from}::date and c.filed_on <= ${s.to}::date ${caseOrgScope(s, 'c.id')}`;
const decided = (s: MetricScope) => sql`from cases c where c.type = 'penalty_case' and c.region_code = ${s.region}
  and (c.data->>'decidedOn') >= ${s.from} and (c.data->>'decidedOn') <= ${s.to} ${caseOrgScope(s, 'c.id')}`;

const CASE_SELECT = `c.id, c.number, c.title, c.data->>'powerCode' as power_code, c.data->>'procedure' as procedure, c.data->>'outcome' as outcome,
  c.data->>'filedOn' as filed_on, c.data->>'decidedOn' as decided_on`;
const CASE_COLUMNS = [
  { key: 'number', label: '案号' }, { key: 'title', label: '案件' }, { key: 'powerCode', label: '职权编码' }, { key: 'procedure', label: '程序' },
  { key: 'outcome', label: '决定结果' }, { key: 'filedOn', label: '立案日期' }, { key: 'decidedOn', label: '决定日期' },
];
const CASE_GROUPS = { procedure: { label: '程序', expr: `c.data->>'procedure'` }, org: { label: '执法机关', expr: `(select name from orgs where id = c.org_id)` } };

export const enforcementMetrics: MetricDef[] = [
  kitMetric({
    key: 'enforcement.officers', module: M, label: '执法人员数（持有效执法证件）', unit: '个',
    definition: '统计期末日执法证件状态为有效且在有效期内的执法人员人数。暂扣、注销、过期的不计。',
    basis: `${LAW}第四十二条（执法人员应当具有行政执法资格）；国办发〔2018〕118号`, from: validOfficers, value: { count: true },
    groups: { org: { label: '所属机关', expr: 'o.name' } },
    drill: { select: `e.id, e.cert_no, e.name, o.name as org_name, e.expires_on::text as expires_on`, order: 'e.cert_no',
      columns: [{ key: 'certNo', label: '执法证号' }, { key: 'name', label: '姓名' }, { key: 'orgName', label: '所属机关' }, { key: 'expiresOn', label: '有效期至' }] },
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
];
