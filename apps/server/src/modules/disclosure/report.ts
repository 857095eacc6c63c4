/**
 * 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): tables 二, 三 and 四 read from the registered metrics
 * (metrics.ts: each cell is a metric or one of its groups, for the report's year and org), the 勾稽关系 check,
 * and the drill-down behind every cell (the metric's drill-down).
 *
 * Table 三, for a year Y and the requests of the scope:
 *   一 本年新收   = received in Y;
 *   二 上年结转   = received before Y and not closed before Y;
 *   三 leaves     = closed in Y, by the leaf of the answer (or 逾期不补正 / 逾期未缴费 / 撤回);
 *   （七）总计    = all closed in Y;
 *   四 结转下年度 = received in or before Y and not closed in or before Y.
 * "Closed" = answered (答复之日) or ended without an answer; 送达 comes after and does not matter.
 * The identity 一 + 二 = 三(七) + 四 holds per column when every closed request has one leaf and was
 * closed on or after it was received; `checkIdentity` verifies it on the computed figures.
 */
import type { Conn } from '../../platform/db/client.ts';
import type { MetricDef, MetricGroup, MetricScope } from '../../platform/metrics/registry.ts';
import { categoryLabel } from '../../platform/publication/publication.ts';
import { APPLICANT_KINDS, LEAVES } from './rules.ts';
import { disclosureMetrics } from './metrics.ts';

/** A report's scope: the year, and the org (exactly that org) or, for the government's report, the whole region (null). */
export interface ReportScope { regionCode: string; orgPath: string | null; year: number; now: Date }

/** The metric scope of a report: its year, its org only (not the subtree), or the region. */
export const metricScopeOf = (s: ReportScope): MetricScope => ({
  from: `${s.year}-01-01`, to: `${s.year}-12-31`, orgPath: s.orgPath, orgExact: s.orgPath !== null, region: s.regionCode, now: s.now,
});
const metric = (key: string): MetricDef => disclosureMetrics.find((m) => m.key === key)!;
async function groups(conn: Conn, s: ReportScope, key: string, groupBy: string): Promise<MetricGroup[]> {
  return (await metric(key).compute(conn, metricScopeOf(s), groupBy)).groups ?? [];
}
const valueOf = async (conn: Conn, s: ReportScope, key: string) => (await metric(key).compute(conn, metricScopeOf(s))).value ?? 0;

export const T3_COLUMNS = [...APPLICANT_KINDS.map((k) => k.key), 'total'] as const;
export const T3_ROWS: { key: string; label: string; group?: string }[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carried_in', label: '二、上年结转政府信息公开申请数量' },
  ...LEAVES.map((l) => ({ key: `leaf:${l.key}`, label: l.label, group: l.group })),
  { key: 'closed', label: '（七）总计', group: '三、本年度办理结果' },
  { key: 'carried_out', label: '四、结转下年度继续办理' },
];

export const T2_BLOCKS = [
  { article: '第二十条第（一）项', columns: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], rows: [{ key: 'art20_1_rule', label: '规章' }, { key: 'art20_1_normative', label: '行政规范性文件' }] },
  { article: '第二十条第（五）项', columns: ['信息内容', '本年处理决定数量'], rows: [{ key: 'art20_5_license', label: '行政许可' }] },
  { article: '第二十条第（六）项', columns: ['信息内容', '本年处理决定数量'], rows: [{ key: 'art20_6_penalty', label: '行政处罚' }, { key: 'art20_6_coercion', label: '行政强制' }] },
  { article: '第二十条第（八）项', columns: ['信息内容', '本年收费金额（单位：万元）'], rows: [{ key: 'art20_8_fee', label: '行政事业性收费' }] },
] as const;

export const T4_KINDS = [
  { key: 'review', label: '行政复议' },
  { key: 'litigation_direct', label: '行政诉讼（未经复议直接起诉）' },
  { key: 'litigation_after_review', label: '行政诉讼（复议后起诉）' },
] as const;
export const T4_RESULTS = [
  { key: 'upheld', label: '结果维持' }, { key: 'corrected', label: '结果纠正' }, { key: 'other', label: '其他结果' }, { key: 'pending', label: '尚未审结' }, { key: 'total', label: '总计' },
] as const;

/** Table 三 rows: the metric behind each (leaves are groups of requests_closed). */
const T3_METRIC: Record<string, string> = {
  new: 'disclosure.requests_new', carried_in: 'disclosure.requests_carried_in', closed: 'disclosure.requests_closed', carried_out: 'disclosure.requests_carried_out',
};

export type Table3 = Record<string, Record<string, number>>;

export async function computeTable3(conn: Conn, s: ReportScope): Promise<Table3> {
  const t: Table3 = {};
  for (const row of T3_ROWS) t[row.key] = Object.fromEntries(T3_COLUMNS.map((c) => [c, 0]));
  const add = (row: string, kind: string, n: number) => { if (!t[row] || !(kind in t[row])) return; t[row][kind] += n; t[row].total += n; };
  for (const [row, key] of Object.entries(T3_METRIC)) for (const g of await groups(conn, s, key, 'applicant_kind')) add(row, g.key, g.value ?? 0);
  for (const g of await groups(conn, s, 'disclosure.requests_closed', 'leaf_kind')) {
    const [leaf, kind] = g.key.split('|');
    if (leaf) add(`leaf:${leaf}`, kind, g.value ?? 0);
  }
  return t;
}

export interface IdentityProblem { column: string; columnLabel: string; message: string; cells: string[] }

/** 一 + 二 = 三(七) + 四 per column, and 三(七) = the sum of the leaves. */
export function checkIdentity(t: Table3): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  for (const col of T3_COLUMNS) {
    const label = col === 'total' ? '总计' : APPLICANT_KINDS.find((k) => k.key === col)!.label;
    const left = t.new[col] + t.carried_in[col];
    const right = t.closed[col] + t.carried_out[col];
    if (left !== right) problems.push({ column: col, columnLabel: label, message: `"${label}"列：一（${t.new[col]}）+ 二（${t.carried_in[col]}）= ${left}，而 三（七）（${t.closed[col]}）+ 四（${t.carried_out[col]}）= ${right}`, cells: [`new:${col}`, `carried_in:${col}`, `closed:${col}`, `carried_out:${col}`] });
    const leaves = LEAVES.reduce((sum, l) => sum + t[`leaf:${l.key}`][col], 0);
    if (leaves !== t.closed[col]) problems.push({ column: col, columnLabel: label, message: `"${label}"列：三（七）总计（${t.closed[col]}）不等于各项办理结果之和（${leaves}）`, cells: [`closed:${col}`] });
  }
  return problems;
}

export type Table2 = Record<string, { issued?: number; abolished?: number; valid?: number; decisions?: number; amountWan?: number }>;

export async function computeTable2(conn: Conn, s: ReportScope): Promise<Table2> {
  const [issued, abolished, valid, decided] = await Promise.all(['disclosure.items_formed', 'disclosure.items_abolished', 'disclosure.items_valid',
    'disclosure.decisions']
    .map(async (k) => new Map((await groups(conn, s, k, 'category')).map((g) => [g.key, g.value ?? 0]))));
  const measures = (k: string) => ({ issued: issued.get(k) ?? 0, abolished: abolished.get(k) ?? 0, valid: valid.get(k) ?? 0 });
  return {
    art20_1_rule: measures('art20_1_rule'),
    art20_1_normative: measures('art20_1_normative'),
    art20_5_license: { decisions: decided.get('art20_5_license') ?? 0 },
    art20_6_penalty: { decisions: decided.get('art20_6_penalty') ?? 0 },
    art20_6_coercion: { decisions: decided.get('art20_6_coercion') ?? 0 },
    art20_8_fee: { amountWan: await valueOf(conn, s, 'disclosure.fees_charged') },
  };
}

export type Table4 = Record<string, Record<string, number>>;

/** A remedy counts in Y if pending at some point of Y: its result if concluded in Y, else 尚未审结. */
export async function computeTable4(conn: Conn, s: ReportScope): Promise<Table4> {
  const t: Table4 = {};
  for (const k of T4_KINDS) t[k.key] = Object.fromEntries(T4_RESULTS.map((x) => [x.key, 0]));
  for (const g of await groups(conn, s, 'disclosure.remedies', 'kind_result')) {
    const [kind, bucket] = g.key.split('|');
    if (!t[kind] || !(bucket in t[kind])) continue;
    t[kind][bucket] += g.value ?? 0; t[kind].total += g.value ?? 0;
  }
  return t;
}

/** Figures for sections 一, 五 and 六: placeholders {{name}} in the editable text. */
export async function computeFigures(conn: Conn, s: ReportScope, t3: Table3, t4: Table4): Promise<Record<string, string>> {
  const remedies = T4_KINDS.reduce((sum, k) => sum + t4[k.key].total, 0);
  return {
    年度: String(s.year),
    主动公开信息数: String(await valueOf(conn, s, 'disclosure.items_published')),
    逾期公开信息数: String(await valueOf(conn, s, 'disclosure.items_published_late')),
    新收申请数: String(t3.new.total),
    上年结转申请数: String(t3.carried_in.total),
    办结申请数: String(t3.closed.total),
    予以公开数: String(t3['leaf:1'].total),
    部分公开数: String(t3['leaf:2'].total),
    结转下年度数: String(t3.carried_out.total),
    复议诉讼数: String(remedies),
    信息处理费: String(await valueOf(conn, s, 'disclosure.processing_fees')),
  };
}

export function fillFigures(text: string, figures: Record<string, string>): string {
  return text.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (m, k: string) => figures[k] ?? m);
}

export const DEFAULT_SECTIONS: Record<string, string> = {
  一: '{{年度}}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。全年主动公开政府信息{{主动公开信息数}}条；新收政府信息公开申请{{新收申请数}}件，上年结转{{上年结转申请数}}件，办结{{办结申请数}}件，结转下年度{{结转下年度数}}件。',
  五: '本年度政府信息公开工作仍存在主动公开的及时性有待提高（逾期公开{{逾期公开信息数}}条）等问题。下一步将加强公开前保密审查和时限管理，提升公开质量。',
  六: '本年度收取信息处理费{{信息处理费}}元。',
};

/** The metric (and group) behind a cell of table 2, 3 or 4: its drill-down lists the records. */
export function cellMetric(table: '2' | '3' | '4', row: string, col: string): { key: string; groupBy?: string; group?: string } {
  if (table === '3') {
    if (row.startsWith('leaf:')) return col === 'total' ? { key: 'disclosure.requests_closed', groupBy: 'leaf', group: row.slice(5) }
      : { key: 'disclosure.requests_closed', groupBy: 'leaf_kind', group: `${row.slice(5)}|${col}` };
    return col === 'total' ? { key: T3_METRIC[row] } : { key: T3_METRIC[row], groupBy: 'applicant_kind', group: col };
  }
  if (table === '2') {
    if (col === 'amountWan') return { key: 'disclosure.fees_charged' };
    const key = col === 'abolished' ? 'disclosure.items_abolished' : col === 'valid' ? 'disclosure.items_valid'
      : col === 'decisions' ? 'disclosure.decisions' : 'disclosure.items_formed';
    return { key, groupBy: 'category', group: row };
  }
  return col === 'total' ? { key: 'disclosure.remedies', groupBy: 'kind', group: row } : { key: 'disclosure.remedies', groupBy: 'kind_result', group: `${row}|${col}` };
}

/** Records behind one cell: the drill-down of its metric. */
export async function drillCell(conn: Conn, s: ReportScope, table: '2' | '3' | '4', row: string, col: string, limit: number, offset: number) {
  const c = cellMetric(table, row, col);
  const r = await metric(c.key).drilldown(conn, metricScopeOf(s), { groupBy: c.groupBy, group: c.group, limit, offset });
  const items = table === '2' ? r.items.map((x) => ({ ...x, categoryLabel: categoryLabel(String(x.category)) })) : r.items;
  return { metric: c.key, groupBy: c.groupBy ?? null, group: c.group ?? null, columns: r.columns, total: r.total, items };
}

export interface Report {
  scope: 'org' | 'government'; orgId: string; orgName: string; year: number; docNo: string | null; status: 'draft' | 'published';
  sections: Record<string, string>; rendered: Record<string, string>; figures: Record<string, string>;
  table2: Table2; table3: Table3; table4: Table4; problems: IdentityProblem[]; dueOn: string; publishedOn: string | null;
}

export async function buildReport(conn: Conn, s: ReportScope, meta: { scope: 'org' | 'government'; orgId: string; orgName: string; docNo: string | null; status: 'draft' | 'published'; sections: Record<string, string>; publishedOn: string | null }): Promise<Report> {
  const [table2, table3, table4] = [await computeTable2(conn, s), await computeTable3(conn, s), await computeTable4(conn, s)];
  const figures = await computeFigures(conn, s, table3, table4);
  const sections = { ...DEFAULT_SECTIONS, ...meta.sections };
  const rendered = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, fillFigures(v, figures)]));
  // 条例第四十九条: departments by 31 January, governments by 31 March of the following year.
  const dueOn = `${s.year + 1}-${meta.scope === 'government' ? '03-31' : '01-31'}`;
  return { ...meta, year: s.year, sections, rendered, figures, table2, table3, table4, problems: checkIdentity(table3), dueOn };
}
