/**
 * Hotline metrics, for the 12345 line and the 书记县长信箱 separately, over hotline_tickets (one row per 工单,
 * kept from the case events) and, for the on-time rates, the ledger and the events themselves (what the clock
 * waited for, and when it happened). Formulas are DOMAIN.md §2.7's suggested definitions (unsourced nationally:
 * Beijing Art. 32 names 响应率、解决率、满意率 without formulas). The live queue, hotspots and keywords are in
 * metrics-live.ts.
 */
import { sql, type RawBuilder } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, period, type KitGroup, type KitSpec, type KitValue } from '../../platform/metrics/kit.ts';
import { clockOutcome, ON_TIME_RULES, onTime, OUTCOME_COLUMNS, outcomeSelect, settledIn, type CaseDeadlines } from '../../platform/metrics/timeliness.ts';
import { CHANNEL_ZH } from './workflow.ts';
import { rollupReader } from './rollups.ts';

export type Line = 'hotline' | 'mailbox';
export const LINES: readonly Line[] = ['hotline', 'mailbox'];
export const LINE_ZH: Record<Line, string> = { hotline: '12345热线', mailbox: '书记县长信箱' };
export const BASIS = '国办发〔2020〕53号、国办函〔2025〕66号（闭环要求）；《北京市接诉即办工作条例》第三十二条（响应率、解决率、满意率）；计算口径为本平台定义（无全国统一公式）';

/**
 * What each clock of a 工单 waits for. 诉求人时钟: the answer (答复 or 即时答复); 签收时钟: the 主办 unit's 签收 — a 退单
 * ends that round without meeting it (改派 starts a new round); 并单 and 终止办理 stop clocks without meeting them.
 */
export const HOTLINE_DEADLINES: CaseDeadlines = {
  main: 'citizen',
  clocks: {
    citizen: { acts: ['reply', 'instant_answer'] },
    dispatch: { acts: ['dispatch', 'instant_answer'] },
    sign: { acts: ['sign'], ends: ['return'] },
    unit: { acts: ['reply'], ends: ['return'] },
    redo: { acts: ['reply'] },  // 重办: one clock in rounds, each round answered by the unit's reply
  },
};

const CHANNEL_NAME = `case t.channel ${Object.entries(CHANNEL_ZH).map(([k, v]) => `when '${k}' then '${v}'`).join(' ')} else t.channel end`;
/** Dimensions of every hotline metric; `month` follows the date that places the ticket in the period. */
export const groupsFor = (dateCol: string): Record<string, KitGroup> => ({
  channel: { label: '受理渠道', expr: 't.channel', name: CHANNEL_NAME },
  type: { label: '诉求类型', expr: 't.ticket_type' },
  category: { label: '事项分类', expr: 't.category_name' },
  org: { label: '主办单位', expr: `coalesce(t.lead_org_id::text, '')`, name: `coalesce((select name from orgs where id = t.lead_org_id), '（未派单）')` },
  township: { label: '乡镇（街道）', expr: `coalesce(t.township_id::text, '')`, name: `coalesce((select name from orgs where id = t.township_id), '（未填写）')` },
  month: { label: '月份', expr: `to_char(${dateCol} at time zone 'Asia/Shanghai', 'YYYY-MM')` },
});

/** The org scope of a ticket: its 主办 unit's subtree, or the owning centre's. */
export function ticketScope(s: MetricScope): RawBuilder<unknown> {
  if (s.orgPath === null) return sql``;
  const p = `${s.orgPath}%`;
  return sql` and (t.lead_org_path like ${p} or exists (select 1 from orgs so where so.id = t.org_id and so.path like ${p}))`;
}

/**
 * Where a metric's records are read: a line's tickets in the scope, with the joins its conditions need (a clock's
 * outcome). Metrics whose records come from one source are read together by the rollup (rollups.ts: the tickets once
 * for all of them); `dueClock`: the records are placed by when that clock was settled or falls due.
 */
export interface Source { joins: (s: MetricScope, tables?: Tables) => RawBuilder<unknown>; dueClock?: 'citizen' | 'sign' }

/**
 * Where a source's rows are read (SQL after `from` / `join`): the tickets, their clocks and events — or (the 12345
 * rollup's read) some tickets as they were before their latest acts, the clocks and events opened from each (rollups.ts).
 */
export interface Tables { tickets: string; clocks: string; events: string }

/** A metric's records: the rows of `source` matching `where` (the period included), placed in it by `placedBy`. */
export interface Records { source: Source; where: (s: MetricScope) => RawBuilder<unknown>; placedBy: string }

/** `from … where …` of a source's rows for a line, in the scope (the records' conditions follow with `and`). */
export const sourceFrom = (source: Source, line: Line, s: MetricScope, more = sql``, tables?: Tables) => sql`from
    ${sql.raw(tables?.tickets ?? 'hotline_tickets')} t
    ${source.joins(s, tables)} ${more}
    where t.region_code = ${s.region} and t.line = ${line} ${ticketScope(s)}`;

/** `from … where …` selecting the records. */
export const recordsFrom = (r: Records, line: Line, tables?: Tables) => (s: MetricScope) => sql`${sourceFrom(r.source, line, s, sql``, tables)}
    and ${r.where(s)}`;

/** The tickets themselves. */
const TICKETS: Source = { joins: () => sql`` };

/** Tickets whose `dateCol` falls in the period, matching `where`. */
export const ticketsPlaced = (dateCol: string, where = 'true', source = TICKETS): Records => ({
  source, placedBy: dateCol,
  where: (s) => sql`${sql.raw(dateCol)} >= ${period(s).from} and ${sql.raw(dateCol)} <= ${period(s).to} and (${sql.raw(where)})`,
});

/** When the act each clock waits for happened, as kept in hotline_tickets: the first answer, the last 签收. */
export const ACT_AT = { citizen: 't.replied_at', sign: 't.signed_at' } as const;
/** The clock's deadline as kept in hotline_tickets (the projection copies it from the ledger in the same statement). */
export const DUE_AT = { citizen: 't.citizen_due_at', sign: 't.sign_due_at' } as const;

/** The tickets with the outcome of their `clock` (`k`), of the clocks due from the period's start on. */
const DUE: Record<'citizen' | 'sign', Source> = {
  citizen: { dueClock: 'citizen', joins: (s, tables) => clockOutcome('k', 't.case_id', 'citizen', HOTLINE_DEADLINES.clocks.citizen,
    { now: s.now, from: period(s).from, actAt: ACT_AT.citizen, tables }) },
  sign: { dueClock: 'sign', joins: (s, tables) => clockOutcome('k', 't.case_id', 'sign', HOTLINE_DEADLINES.clocks.sign,
    { now: s.now, from: period(s).from, actAt: ACT_AT.sign, tables }) },
};

/**
 * Tickets whose `clock` was settled in the period — or, `pending`, whose clock is still running at `s.now` and falls
 * due in the period (the rollup keeps them by deadline: they count late once it has passed).
 */
const ticketsDue = (clock: 'citizen' | 'sign', where = 'true', pending = false): Records => ({
  source: DUE[clock], placedBy: pending ? 'k.due_at' : 'k.settled_at',
  where: (s) => sql`t.accepted_at <= ${period(s).to} and (${sql.raw(where)})
    and ${pending ? sql`k.outcome = 'pending' and k.due_at >= ${period(s).from} and k.due_at <= ${period(s).to}` : settledIn('k', period(s))}`,
});

export const DRILL_SELECT = `t.case_id as id, t.number, ${CHANNEL_NAME} as channel, t.ticket_type, t.category_name,
  (select name from orgs where id = t.lead_org_id) as lead_org, t.state, t.accepted_at, t.dispatched_at, t.signed_at, t.replied_at, t.callback_at,
  t.return_count, t.satisfaction, t.resolved`;
export const DRILL_COLUMNS = [
  { key: 'number', label: '工单编号' }, { key: 'channel', label: '渠道' }, { key: 'ticketType', label: '类型' }, { key: 'categoryName', label: '事项' },
  { key: 'leadOrg', label: '主办单位' }, { key: 'state', label: '状态' }, { key: 'acceptedAt', label: '受理时间' }, { key: 'dispatchedAt', label: '首次派单时间' },
  { key: 'signedAt', label: '签收时间' }, { key: 'repliedAt', label: '答复时间' }, { key: 'callbackAt', label: '回访时间' }, { key: 'returnCount', label: '退单次数' },
  { key: 'satisfaction', label: '满意度' }, { key: 'resolved', label: '已解决' },
];

export interface Spec {
  key: string;
  label: string;
  unit: MetricDef['unit'];
  definition: string;
  /** The records, and the column that places them in the period (for `month` and the drill-down's order). */
  records: Records;
  value: KitValue;
  parts?: MetricDef['parts'];
  /** Extra drill-down columns (the clock's outcome for on-time rates). */
  drill?: { select: string; columns: { key: string; label: string }[] };
  /**
   * On-time rates: the records whose clock is still running at `s.now` (outcome pending, deadline known), placed by
   * its `placedBy` — each counts late (denominator) once its deadline has passed. The rollup keeps them by deadline
   * (rollups.ts); the live query decides them at the moment it runs.
   */
  pending?: Records;
}

const placed = (dateCol: string, where?: string) => ticketsPlaced(dateCol, where);
const ratio = (num: string): KitValue => ({ ratio: { num } });
const ON_TIME_DRILL = { select: outcomeSelect('k'), columns: OUTCOME_COLUMNS };
const UNKNOWN = '期限跨入日历未载入年度、无法判断的工单';
/** The tickets with the outcome of their citizen clock (`k`), whenever it fell due. */
const ANSWERED: Source = {
  joins: (s, tables) => clockOutcome('k', 't.case_id', 'citizen', HOTLINE_DEADLINES.clocks.citizen, { now: s.now, actAt: ACT_AT.citizen, tables }),
};

export const SPECS: Spec[] = [
  { key: 'intake', label: '受理量', unit: '件', records: placed('t.accepted_at'), value: { count: true },
    definition: '统计期内受理的工单数（按受理时间），含即时答复、被并单和终止办理的工单。' },
  { key: 'on_time_rate', label: '按时办结率', unit: '%', value: onTime('k'),
    records: ticketsDue('citizen', 't.merged_into is null'), pending: ticketsDue('citizen', 't.merged_into is null', true),
    parts: { numerator: '在诉求人时限内答复（办结，含即时答复）的工单', denominator: '诉求人时限在统计期内届满（应办结）或已按时答复的工单', unknown: UNKNOWN },
    drill: ON_TIME_DRILL,
    definition: '在诉求人时限内答复（办结，含即时答复）的件数 ÷ 应办结件数 × 100%。应办结 = 诉求人时限在统计期内届满的工单，答复与否：逾期未答复的计入分母。'
      + `按诉求人时钟：退单、改派不停表；批准的延期计入时限。被并单的工单不计（由主工单答复）；终止办理的工单在时限届满前终止的不计，届满后才终止的计为逾期。${ON_TIME_RULES}` },
  { key: 'answered_on_time_rate', label: '按时办结率（已答复口径）', unit: '%', value: onTime('k'),
    records: ticketsPlaced('t.replied_at', 't.merged_into is null', ANSWERED),
    pending: ticketsPlaced('t.replied_at', "t.merged_into is null and k.outcome = 'pending' and k.due_at is not null", ANSWERED),
    parts: { numerator: '在诉求人时限内答复的工单', denominator: '统计期内答复的工单', unknown: UNKNOWN }, drill: ON_TIME_DRILL,
    definition: '（第二口径，仅供参考：未答复的逾期工单不在分母中，不能代替按时办结率）统计期内答复（办结，含即时答复）的工单中，在诉求人时限内答复的件数 ÷ 统计期内答复的件数 × 100%。'
      + '被并单的不计；无法判断的单独列出。' },
  { key: 'completion_rate', label: '办结率', unit: '%',
    records: placed('t.accepted_at', "t.merged_into is null and t.state <> 'terminated'"),
    value: ratio('t.replied_at is not null'), parts: { numerator: '已答复（办结，含即时答复）的工单', denominator: '统计期内受理的工单（不含被并单的和终止办理的）' },
    definition: '统计期内受理的工单中已答复（办结，含即时答复）的件数 ÷ 统计期内受理件数（不含被并单的和终止办理的）× 100%。' },
  { key: 'terminated', label: '终止办理量', unit: '件', records: placed('t.accepted_at', "t.state = 'terminated'"), value: { count: true },
    definition: '统计期内受理、已终止办理的工单数（按受理时间；潍坊 第二十一条）。终止办理的工单计入受理量，不计入办结率；在按时办结率中，时限届满前终止的不计，届满后终止的计为逾期。' },
  { key: 'response_rate', label: '响应率', unit: '%', value: onTime('k'),
    records: ticketsDue('sign', 't.dispatched_at is not null'), pending: ticketsDue('sign', 't.dispatched_at is not null', true),
    parts: { numerator: '在签收时限内签收的工单', denominator: '签收时限在统计期内届满或已按时签收的派单工单', unknown: UNKNOWN }, drill: ON_TIME_DRILL,
    definition: '在签收时限（派单后 24 小时，可配置）内由主办单位签收的件数 ÷ 签收时限在统计期内届满的派单工单数 × 100%，未签收的逾期工单计入分母。'
      + `改派后按新一轮签收时限计算；签收前退单或终止办理的，在时限届满前的不计，届满后的计为未按时签收。只有签收计为响应。${ON_TIME_RULES}` },
  { key: 'callback_rate', label: '回访率', unit: '%', records: placed('t.replied_at', 't.merged_into is null'),
    value: ratio('t.callback_at is not null'), parts: { numerator: '已回访的工单', denominator: '统计期内办结（答复，含即时答复）的工单' },
    definition: '已回访件数 ÷ 统计期内办结（答复，含即时答复）的工单数 × 100%（被并单的不计）。回访未联系上也算已回访；即时答复的工单在分母中，未回访即不计入分子。' },
  { key: 'satisfaction_rate', label: '满意率', unit: '%', records: placed('t.callback_at', 't.callback_reached'),
    value: ratio("t.satisfaction in ('满意','基本满意')"), parts: { numerator: '满意和基本满意的回访', denominator: '有效回访（联系上并作出评价）' },
    definition: '（满意 + 基本满意）÷ 有效回访件数 × 100%。有效回访 = 联系上诉求人并作出评价；未联系上的不计入分母。按最近一次回访。' },
  { key: 'resolution_rate', label: '解决率', unit: '%', records: placed('t.callback_at', 't.callback_reached and t.resolved is not null'),
    value: ratio('t.resolved'), parts: { numerator: '诉求人认为已解决的回访', denominator: '记录了是否解决的有效回访' },
    definition: '回访中诉求人认为已解决的件数 ÷ 有效回访件数 × 100%（与满意度分开记录）。' },
  { key: 'return_rate', label: '退单率', unit: '%', records: placed('t.dispatched_at'),
    value: ratio('t.return_count > 0'), parts: { numerator: '发生过退单的工单', denominator: '统计期内派单的工单' },
    definition: '发生过退单的件数 ÷ 统计期内派单的件数 × 100%（按首次派单时间）。' },
  { key: 'return_rounds', label: '退单往返次数', unit: '次', value: { avg: 't.return_count' },
    records: placed('t.dispatched_at', 't.return_count > 0'),
    definition: '发生过退单的工单平均退单次数（退单总次数 ÷ 发生过退单的件数）。' },
  { key: 'redo_rate', label: '重办率', unit: '%', records: placed('t.callback_at', 't.callback_reached'),
    value: ratio('t.redo_count > 0'), parts: { numerator: '重办过的工单', denominator: '有效回访的工单' },
    definition: '重办过的件数 ÷ 统计期内有效回访的件数 × 100%。' },
  { key: 'avg_handling_hours', label: '平均办理时长', unit: '小时', records: placed('t.replied_at', 't.merged_into is null'),
    value: { avg: 'extract(epoch from (t.replied_at - t.accepted_at)) / 3600.0' },
    definition: '从受理到答复（办结）的平均自然小时数，统计期内答复的工单（不含被并单的）。' },
];

/**
 * The kit spec of a hotline metric for a line (also used by metrics-live.ts to reuse the intake records). The figure
 * is read from the maintained rollup when the region's is built (rollups.ts), else live; `live` leaves the rollup out.
 */
export function hotlineSpec(line: Line, spec: Spec, live = false): KitSpec {
  return {
    ...(live ? {} : { rollup: rollupReader(line, spec) }),
    key: `${line}.${spec.key}`, module: 'hotline', label: `${LINE_ZH[line]}${spec.label}`, unit: spec.unit,
    definition: `${spec.definition}（${LINE_ZH[line]}工单${line === 'hotline' ? '：电话、网站、Open311、历史导入' : ''}）`, basis: BASIS,
    from: recordsFrom(spec.records, line), value: spec.value, parts: spec.parts, groups: groupsFor(spec.records.placedBy),
    drill: {
      select: spec.drill ? `${DRILL_SELECT}, ${spec.drill.select}` : DRILL_SELECT, order: `${spec.records.placedBy}, t.number`,
      columns: spec.drill ? [...DRILL_COLUMNS, ...spec.drill.columns] : DRILL_COLUMNS,
    },
  };
}

export const specOf = (key: string) => SPECS.find((x) => x.key === key)!;

export const hotlineRateMetrics: MetricDef[] = LINES.flatMap((line) => SPECS.map((s) => kitMetric(hotlineSpec(line, s))));
/** The same metrics always computed live (the rollup's consistency test and the bench compare the two). */
export const hotlineUnrolledMetrics = (): MetricDef[] => LINES.flatMap((line) => SPECS.map((s) => kitMetric(hotlineSpec(line, s, true))));
