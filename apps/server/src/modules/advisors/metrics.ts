import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, period } from '../../platform/metrics/kit.ts';

const M = 'advisors';
const BASIS = '《重大行政决策程序暂行条例》第二十八条（合法性审查应当组织法律顾问、公职律师提出法律意见）';

/** 政府法律顾问 in post on the last day of the period (status active, 聘期 covering it). */
const inPost = (s: MetricScope) => sql`from advisors a where a.region_code = ${s.region} and a.kind = '政府法律顾问' and a.status = 'active'
  and (a.contract_from is null or a.contract_from <= ${s.to}::date) and (a.contract_to is null or a.contract_to >= ${s.to}::date)`;
/** Opinions signed in the period on cases within the org scope. */
const signed = (s: MetricScope) => {
  const p = period(s);
  return sql`from advisor_assignments x join advisors a on a.id = x.advisor_id join cases c on c.id = x.case_id
    left join clocks k on k.case_id = c.id and k.key = 'review'
    where x.region_code = ${s.region} and x.signed_at >= ${p.from} and x.signed_at <= ${p.to} ${caseOrgScope(s, 'c.id')}`;
};
const ADVISOR = { label: '法律顾问（专家）', expr: `a.name || '（' || a.unit || '）'` };
const SIGNED_SELECT = `c.id, c.number, c.title, a.name as advisor, a.kind, x.signed_at, k.due_at, (k.due_at is null or x.signed_at <= k.due_at) as on_time`;
const SIGNED_COLUMNS = [
  { key: 'number', label: '编号' }, { key: 'title', label: '文件名称' }, { key: 'advisor', label: '法律顾问（专家）' }, { key: 'kind', label: '类别' },
  { key: 'signedAt', label: '签署时间' }, { key: 'dueAt', label: '审核期限' }, { key: 'onTime', label: '按时' },
];

export const advisorsMetrics: MetricDef[] = [
  kitMetric({
    key: 'advisors.count', module: M, label: '法律顾问人数', unit: '人',
    definition: '统计期末在聘的政府法律顾问人数（聘期覆盖统计期最后一日、未解聘），可按选聘方式分组。公职律师、专家库专家不计。', basis: BASIS,
    from: inPost, value: { count: true },
    groups: { procurement: { label: '选聘方式', expr: `coalesce(a.procurement, '未填写')` } },
    drill: {
      select: `a.id, a.name, a.unit, a.procurement, a.contract_from::text as contract_from, a.contract_to::text as contract_to`, order: 'a.name',
      columns: [{ key: 'name', label: '姓名' }, { key: 'unit', label: '律师事务所' }, { key: 'procurement', label: '选聘方式' }, { key: 'contractFrom', label: '聘期起' },
        { key: 'contractTo', label: '聘期止' }],
    },
  }),
  kitMetric({
    key: 'advisors.opinions', module: M, label: '法律顾问（专家）出具意见数', unit: '件',
    definition: '统计期内法律顾问、公职律师或专家在合法性审查中签署意见的件数（按签署日期），可按顾问分组；回避的不计。', basis: BASIS,
    from: signed, value: { count: true }, groups: { advisor: ADVISOR, kind: { label: '类别', expr: 'a.kind' } },
    drill: { select: SIGNED_SELECT, order: 'x.signed_at', columns: SIGNED_COLUMNS },
  }),
  kitMetric({
    key: 'advisors.on_time_rate', module: M, label: '法律顾问（专家）按时出具意见率', unit: '%',
    definition: '统计期内签署的意见中，在该件合法性审核期限届满前签署的比例，可按顾问分组。口径为本平台定义（未见全国统一公式）。', basis: BASIS,
    from: signed, value: { ratio: { num: '(k.due_at is null or x.signed_at <= k.due_at)' } },
    parts: { numerator: '审核期限内签署的意见', denominator: '统计期内签署的意见' },
    groups: { advisor: ADVISOR }, drill: { select: SIGNED_SELECT, order: 'x.signed_at', columns: SIGNED_COLUMNS },
  }),
];
