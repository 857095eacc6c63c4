/**
 * Hotline metrics, for the 12345 line and the 书记县长信箱 separately, all over hotline_tickets
 * (one row per 工单, maintained from the case events). Formulas are DOMAIN.md §2.7's suggested
 * definitions (unsourced nationally: Beijing Art. 32 names 响应率、解决率、满意率 without formulas).
 */
import { sql, type RawBuilder } from 'kysely';
import { endOfLegalDate, startOfLegalDate } from '@yifa/contracts';
import type { Conn } from '../../platform/db/client.ts';
import { ratio, type MetricDef, type MetricScope } from '../../platform/metrics/registry.ts';
import { CHANNEL_ZH } from './workflow.ts';

type Line = 'hotline' | 'mailbox';
const LINE_ZH: Record<Line, string> = { hotline: '12345热线', mailbox: '书记县长信箱' };
const BASIS = '国办发〔2020〕53号、国办函〔2025〕66号（闭环要求）；《北京市接诉即办工作条例》第三十二条（响应率、解决率、满意率）；计算口径为本平台定义（无全国统一公式，DOMAIN.md §2.7）';

export const GROUPS: Record<string, { label: string; expr: RawBuilder<string> }> = {
  channel: { label: '受理渠道', expr: sql<string>`t.channel` },
  type: { label: '诉求类型', expr: sql<string>`t.ticket_type` },
  category: { label: '事项分类', expr: sql<string>`t.category_name` },
  // grouped by id (cheap), labelled with the org's name afterwards
  org: { label: '主办单位', expr: sql<string>`coalesce(t.lead_org_id::text, '')` },
  township: { label: '乡镇（街道）', expr: sql<string>`coalesce(t.township_id::text, '')` },
  month: { label: '月份', expr: sql<string>`''` },
};

interface Spec {
  key: string;
  label: string;
  unit: MetricDef['unit'];
  definition: string;
  /** The timestamp that places a ticket in the period. */
  date: 'accepted_at' | 'replied_at' | 'dispatched_at' | 'callback_at';
  /** Which tickets count (the denominator, or the counted set). */
  den: string;
  /** Numerator among den (ratio metrics). */
  num?: string;
  kind: 'count' | 'ratio' | 'avg_hours' | 'avg_returns';
}

const SPECS: Spec[] = [
  { key: 'intake', label: '受理量', unit: '件', kind: 'count', date: 'accepted_at', den: 'true', definition: '统计期内受理的工单数（按受理时间），含即时答复和被并单的工单。' },
  { key: 'on_time_rate', label: '按时办结率', unit: '%', kind: 'ratio', date: 'replied_at', den: "merged_into is null and state <> 'terminated'", num: 'replied_in_time', definition: '在诉求人时限内答复（办结）的件数 ÷ 统计期内答复（办结）的件数 × 100%。按诉求人时钟：退单、改派不停表；批准的延期计入时限；被并单的和终止办理的工单不计（终止办理不是办结，也不算逾期）。' },
  { key: 'completion_rate', label: '办结率', unit: '%', kind: 'ratio', date: 'accepted_at', den: "merged_into is null and state <> 'terminated'", num: 'replied_at is not null', definition: '统计期内受理的工单中已答复（办结，含即时答复）的件数 ÷ 统计期内受理件数（不含被并单的和终止办理的）× 100%。' },
  { key: 'terminated', label: '终止办理量', unit: '件', kind: 'count', date: 'accepted_at', den: "state = 'terminated'", definition: '统计期内受理、已终止办理的工单数（按受理时间；潍坊 第二十一条）。终止办理的工单计入受理量，不计入按时办结率和办结率的分母。' },
  { key: 'response_rate', label: '响应率', unit: '%', kind: 'ratio', date: 'dispatched_at', den: 'true', num: 'signed_in_time is true', definition: '派单后在签收时限内签收的件数 ÷ 统计期内派单的件数 × 100%（按首次派单时间）。' },
  { key: 'callback_rate', label: '回访率', unit: '%', kind: 'ratio', date: 'replied_at', den: 'not instant and merged_into is null', num: 'callback_at is not null', definition: '已回访件数 ÷ 统计期内答复的派单工单数 × 100%（即时答复和被并单的不计）。回访未联系上也算已回访。' },
  { key: 'satisfaction_rate', label: '满意率', unit: '%', kind: 'ratio', date: 'callback_at', den: 'callback_reached', num: "satisfaction in ('满意','基本满意')", definition: '（满意 + 基本满意）÷ 有效回访件数 × 100%。有效回访 = 联系上诉求人并作出评价；未联系上的不计入分母。按最近一次回访。' },
  { key: 'resolution_rate', label: '解决率', unit: '%', kind: 'ratio', date: 'callback_at', den: 'callback_reached and resolved is not null', num: 'resolved', definition: '回访中诉求人认为已解决的件数 ÷ 有效回访件数 × 100%（与满意度分开记录）。' },
  { key: 'return_rate', label: '退单率', unit: '%', kind: 'ratio', date: 'dispatched_at', den: 'true', num: 'return_count > 0', definition: '发生过退单的件数 ÷ 统计期内派单的件数 × 100%。' },
  { key: 'return_rounds', label: '退单往返次数', unit: '次', kind: 'avg_returns', date: 'dispatched_at', den: 'return_count > 0', definition: '发生过退单的工单平均退单次数（退单总次数 ÷ 发生过退单的件数）。' },
  { key: 'redo_rate', label: '重办率', unit: '%', kind: 'ratio', date: 'callback_at', den: 'callback_reached', num: 'redo_count > 0', definition: '重办过的件数 ÷ 统计期内有效回访的件数 × 100%。' },
  { key: 'avg_handling_hours', label: '平均办理时长', unit: '小时', kind: 'avg_hours', date: 'replied_at', den: 'merged_into is null', definition: '从受理到答复（办结）的平均自然小时数，统计期内答复的工单（不含被并单的）。' },
];

function base(conn: Conn, line: Line, spec: Spec, s: MetricScope) {
  const col = sql.ref(`t.${spec.date}`);
  return conn.selectFrom('hotlineTickets as t')
    .where('t.regionCode', '=', s.region).where('t.line', '=', line)
    .where(sql<boolean>`${col} >= ${startOfLegalDate(s.from)} and ${col} <= ${endOfLegalDate(s.to)}`)
    .where(sql<boolean>`${sql.raw(spec.den)}`)
    .$if(s.orgPath !== null, (q) => q.where(sql<boolean>`(t.lead_org_path like ${(s.orgPath ?? '') + '%'} or exists (select 1 from orgs o where o.id = t.org_id and o.path like ${(s.orgPath ?? '') + '%'}))`));
}

function aggregates(spec: Spec) {
  switch (spec.kind) {
    case 'count': return [sql<number>`count(*)::int`.as('n'), sql<number>`count(*)::int`.as('d')];
    case 'ratio': return [sql<number>`count(*) filter (where ${sql.raw(spec.num!)})::int`.as('n'), sql<number>`count(*)::int`.as('d')];
    case 'avg_hours': return [sql<number>`coalesce(sum(extract(epoch from (t.replied_at - t.accepted_at)) / 3600.0), 0)::float8`.as('n'), sql<number>`count(*)::int`.as('d')];
    case 'avg_returns': return [sql<number>`coalesce(sum(t.return_count), 0)::int`.as('n'), sql<number>`count(*)::int`.as('d')];
  }
}

function valueOf(spec: Spec, n: number, d: number): { value: number | null; numerator?: number; denominator?: number } {
  n = Number(n); d = Number(d);
  if (spec.kind === 'count') return { value: n };
  if (spec.kind === 'ratio') return ratio(n, d);
  return { value: d === 0 ? null : Math.round((n / d) * 100) / 100, numerator: Math.round(n * 100) / 100, denominator: d };
}

function groupExpr(spec: Spec, groupBy: string): RawBuilder<string> {
  if (groupBy === 'month') return sql<string>`to_char(${sql.ref(`t.${spec.date}`)} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  return GROUPS[groupBy].expr;
}

function makeMetric(line: Line, spec: Spec): MetricDef {
  return {
    key: `${line}.${spec.key}`, module: 'hotline', label: `${LINE_ZH[line]}${spec.label}`, unit: spec.unit,
    definition: `${spec.definition}（${LINE_ZH[line]}工单${line === 'hotline' ? '：电话、网站、Open311、历史导入' : ''}）`, basis: BASIS,
    dimensions: Object.entries(GROUPS).map(([key, g]) => ({ key, label: g.label })),
    async compute(conn, s, groupBy) {
      const t = await base(conn, line, spec, s).select(aggregates(spec)).executeTakeFirstOrThrow();
      const total = valueOf(spec, t.n, t.d);
      if (!groupBy) return total;
      const g = groupExpr(spec, groupBy);
      const rows = await base(conn, line, spec, s).select([g.as('k'), ...aggregates(spec)]).groupBy(g).orderBy(g).execute();
      const ids = groupBy === 'org' || groupBy === 'township' ? rows.map((r) => String(r.k)).filter(Boolean) : [];
      const names = new Map(ids.length ? (await conn.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name]) : []);
      const label = (k: string) => (groupBy === 'channel' ? (CHANNEL_ZH as Record<string, string>)[k] ?? k
        : groupBy === 'org' || groupBy === 'township' ? names.get(k) ?? (groupBy === 'org' ? '（未派单）' : '（未填写）') : k);
      return { ...total, groups: rows.map((r) => ({ key: String(r.k), label: label(String(r.k)), ...valueOf(spec, r.n, r.d) })) };
    },
    async drilldown(conn, s, o) {
      let q = base(conn, line, spec, s);
      if (o.group && o.groupBy && (o.groupBy in GROUPS)) q = q.where(groupExpr(spec, o.groupBy), '=', o.group);
      const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const items = await q.select([
        't.caseId as id', 't.number', 't.channel', 't.ticketType', 't.categoryName', sql<string | null>`(select name from orgs where id = t.lead_org_id)`.as('leadOrg'), 't.acceptedAt', 't.repliedAt',
        't.repliedInTime', 't.signedInTime', 't.returnCount', 't.satisfaction', 't.resolved',
      ]).orderBy(sql.ref(`t.${spec.date}`)).orderBy('t.number').limit(o.limit).offset(o.offset).execute();
      return {
        columns: [
          { key: 'number', label: '工单编号' }, { key: 'channel', label: '渠道' }, { key: 'ticketType', label: '类型' }, { key: 'categoryName', label: '事项' },
          { key: 'leadOrg', label: '主办单位' }, { key: 'acceptedAt', label: '受理时间' }, { key: 'repliedAt', label: '答复时间' }, { key: 'repliedInTime', label: '按时' },
          { key: 'signedInTime', label: '按时签收' }, { key: 'returnCount', label: '退单次数' }, { key: 'satisfaction', label: '满意度' }, { key: 'resolved', label: '已解决' },
        ],
        items: items.map((i) => ({ ...i, channel: (CHANNEL_ZH as Record<string, string>)[i.channel] ?? i.channel, acceptedAt: i.acceptedAt.toISOString(), repliedAt: i.repliedAt?.toISOString() ?? null })),
        total: total.n,
      };
    },
  };
}

export const hotlineMetrics: MetricDef[] = (['hotline', 'mailbox'] as const).flatMap((line) => SPECS.map((s) => makeMetric(line, s)));
export const METRIC_SPECS = SPECS;
