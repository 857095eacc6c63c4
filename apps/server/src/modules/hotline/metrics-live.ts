/**
 * The hotline's other figures, as registered metrics the module's routes read (scoped like every metric):
 * the live queue behind the dispatcher board's counters (`<line>.open`), the 环比 change of intake behind the
 * hotspots (`<line>.intake_change`, made from `<line>.intake` for two periods) and the frequent words of the
 * tickets' text (`<line>.keywords`, over the records of `<line>.intake`).
 */
import { sql } from 'kysely';
import { previousPeriod } from '@yifa/contracts';
import type { Conn } from '../../platform/db/client.ts';
import type { DrillOptions, MetricDef, MetricGroup, MetricScope } from '../../platform/metrics/registry.ts';
import { kitMetric, period } from '../../platform/metrics/kit.ts';
import { BASIS, DRILL_COLUMNS, DRILL_SELECT, groupsFor, hotlineSpec, LINE_ZH, LINES, specOf, ticketScope, type Line } from './metrics.ts';
import { hotlineWorkflow } from './workflow.ts';
import { keywordsOf, topKeywords } from './text.ts';
import { redactText } from '../../platform/crypto/redact.ts';

const STATE_NAME = `case t.state ${Object.entries(hotlineWorkflow.states).map(([k, v]) => `when '${k}' then '${v.label}'`).join(' ')} else t.state end`;

/** Open tickets of a line accepted by the end of the period, with whether their deadline has passed (at `now`). */
const openTickets = (line: Line) => (s: MetricScope) => sql`from hotline_tickets t join cases c on c.id = t.case_id
    cross join lateral (select coalesce(c.due_at < ${s.now}, false) as overdue) q
    where t.region_code = ${s.region} and t.line = ${line} and c.closed_at is null and t.accepted_at <= ${period(s).to} ${ticketScope(s)}`;

const openMetric = (line: Line) => kitMetric({
  key: `${line}.open`, module: 'hotline', label: `${LINE_ZH[line]}未办结工单`, unit: '件', basis: BASIS,
  definition: `统计期末（默认今天）前受理、当前尚未办结的${LINE_ZH[line]}工单数（实时队列：状态、预警和是否逾期均为当前值，统计期间的开始日不适用）。`
    + '按状态分组即调度台的待派单、退单待审核、待回访；按预警分组即黄牌、红牌；按逾期分组即已超过期限的工单。',
  from: openTickets(line), value: { count: true },
  groups: {
    state: { label: '状态', expr: 't.state', name: STATE_NAME },
    warning: { label: '预警', expr: 'c.warning_level', name: `case c.warning_level when 'yellow' then '黄牌' when 'red' then '红牌' else '正常' end` },
    overdue: { label: '是否逾期', expr: 'q.overdue', name: `case when q.overdue then '已逾期' else '未逾期' end` },
    ...groupsFor('t.accepted_at'),
  },
  drill: {
    select: `${DRILL_SELECT}, c.due_at, c.warning_level, q.overdue`, order: 'c.due_at nulls last, t.number',
    columns: [...DRILL_COLUMNS, { key: 'dueAt', label: '期限' }, { key: 'warningLevel', label: '预警' }, { key: 'overdue', label: '已逾期' }],
  },
});

/** 环比: intake of the period against the period of the same length just before, per group. */
function intakeChange(line: Line): MetricDef {
  const intake = kitMetric(hotlineSpec(line, specOf('intake')));
  const before = (s: MetricScope): MetricScope => { const p = previousPeriod(s.from, s.to); return { ...s, from: p.from, to: p.to }; };
  const change = (cur: number, prev: number) => ({ value: cur - prev, numerator: cur, denominator: prev });
  return {
    key: `${line}.intake_change`, module: 'hotline', label: `${LINE_ZH[line]}受理量环比变化`, unit: '件', basis: BASIS,
    definition: `统计期内受理量 − 上一同长期间受理量（${LINE_ZH[line]}受理量，同 ${line}.intake 口径）。分子为本期受理量，分母为上期受理量；`
      + '按事项分类或乡镇分组即热点（受理量上升的分组）。钻取列出两个期间的工单。',
    dimensions: intake.dimensions.filter((d) => d.key !== 'month'),
    async compute(conn, s, groupBy) {
      const [cur, prev] = [await intake.compute(conn, s, groupBy), await intake.compute(conn, before(s), groupBy)];
      const total = change(cur.value ?? 0, prev.value ?? 0);
      if (!groupBy) return total;
      const keys = new Map<string, string>();
      for (const g of [...(cur.groups ?? []), ...(prev.groups ?? [])]) keys.set(g.key, g.label);
      const of = (gs: MetricGroup[] | undefined, k: string) => gs?.find((g) => g.key === k)?.value ?? 0;
      return { ...total, groups: [...keys].map(([key, label]) => ({ key, label, ...change(of(cur.groups, key), of(prev.groups, key)) })) };
    },
    drilldown: (conn, s, o) => intake.drilldown(conn, { ...s, from: before(s).from }, o),
  };
}

/** Up to this many tickets (the latest) are segmented for the keywords. */
const KEYWORD_TICKETS = 20000;

function keywordMetric(line: Line): MetricDef {
  const spec = hotlineSpec(line, specOf('intake'));
  const intake = kitMetric(spec);
  const texts = async (conn: Conn, s: MetricScope) =>
    (await sql<{ id: string; description: string }>`select t.case_id as id, t.description ${spec.from(s)}
      order by t.accepted_at desc limit ${KEYWORD_TICKETS}`.execute(conn)).rows
      .map((r) => ({ id: r.id, description: redactText(r.description) })); // no phone or ID number becomes a "word"
  return {
    key: `${line}.keywords`, module: 'hotline', label: `${LINE_ZH[line]}诉求高频词`, unit: '件', basis: BASIS,
    definition: `统计期内受理的工单（同 ${line}.intake）诉求内容中的高频词：中文分词（jieba），去掉停用词和单字；按词分组的值为含该词的工单数（一件工单一个词只计一次），`
      + `取前 100 个词；最多分析最近的 ${KEYWORD_TICKETS} 件工单。总值为受理量。`,
    dimensions: [{ key: 'word', label: '词' }],
    async compute(conn, s, groupBy) {
      const total = await intake.compute(conn, s);
      if (groupBy !== 'word') return total;
      const words = topKeywords((await texts(conn, s)).map((r) => r.description), 100);
      return { ...total, groups: words.map((w) => ({ key: w.word, label: w.word, value: w.tickets })) };
    },
    async drilldown(conn, s, o: DrillOptions) {
      if (o.groupBy !== 'word' || o.group === undefined) return intake.drilldown(conn, s, { ...o, groupBy: undefined, group: undefined });
      const ids = (await texts(conn, s)).filter((r) => keywordsOf(r.description).includes(o.group!)).map((r) => r.id);
      const page = ids.slice(o.offset, o.offset + o.limit);
      const items = page.length ? (await sql<Record<string, unknown>>`select ${sql.raw(DRILL_SELECT)} ${spec.from(s)} and t.case_id in (${sql.join(page)})
        order by t.accepted_at desc, t.number`.execute(conn)).rows : [];
      const plain = (i: Record<string, unknown>) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
      return { columns: DRILL_COLUMNS, items: items.map(plain), total: ids.length };
    },
  };
}

export const hotlineLiveMetrics: MetricDef[] = LINES.flatMap((line) => [openMetric(line), intakeChange(line), keywordMetric(line)]);
