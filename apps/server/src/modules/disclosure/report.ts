/**
 * 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): tables 二, 三 and 四 computed from records,
 * the 勾稽关系 check, and the drill-down behind every cell.
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
import { sql, type RawBuilder } from 'kysely';
import type { Conn } from '../../platform/db/client.ts';
import { categoryLabel } from '../../platform/publication/publication.ts';
import { APPLICANT_KINDS, LEAVES } from './rules.ts';

export interface ReportScope { regionCode: string; orgIds: string[] | null; year: number }

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

const ys = (y: number) => `${y}-01-01`;
const ye = (y: number) => `${y}-12-31`;

function scopeWhere(alias: string, s: ReportScope): RawBuilder<boolean> {
  const base = sql<boolean>`${sql.ref(`${alias}.region_code`)} = ${s.regionCode}`;
  if (!s.orgIds) return base;
  if (s.orgIds.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${base} and ${sql.ref(`${alias}.org_id`)} in (${sql.join(s.orgIds)})`;
}

/** The SQL condition of a table 三 row, on disclosure_requests r. */
export function t3RowWhere(row: string, y: number): RawBuilder<boolean> {
  if (row === 'new') return sql<boolean>`r.received_on between ${ys(y)} and ${ye(y)}`;
  if (row === 'carried_in') return sql<boolean>`r.received_on < ${ys(y)} and (r.closed_on is null or r.closed_on >= ${ys(y)})`;
  if (row === 'closed') return sql<boolean>`r.closed_on between ${ys(y)} and ${ye(y)}`;
  if (row === 'carried_out') return sql<boolean>`r.received_on <= ${ye(y)} and (r.closed_on is null or r.closed_on > ${ye(y)})`;
  if (row.startsWith('leaf:')) return sql<boolean>`r.closed_on between ${ys(y)} and ${ye(y)} and r.leaf = ${row.slice(5)}`;
  throw new Error(`unknown row ${row}`);
}

export type Table3 = Record<string, Record<string, number>>;

export async function computeTable3(conn: Conn, s: ReportScope): Promise<Table3> {
  const y = s.year;
  // One pass: rows of interest only (anything received by year end and not closed before the year).
  const rows = await sql<{ kind: string; leaf: string | null; bucketNew: boolean; bucketIn: boolean; bucketClosed: boolean; bucketOut: boolean; n: number }>`
    select r.applicant_kind as kind, case when r.closed_on between ${ys(y)} and ${ye(y)} then r.leaf end as leaf,
      r.received_on between ${ys(y)} and ${ye(y)} as bucket_new,
      (r.received_on < ${ys(y)} and (r.closed_on is null or r.closed_on >= ${ys(y)})) as bucket_in,
      coalesce(r.closed_on between ${ys(y)} and ${ye(y)}, false) as bucket_closed,
      (r.closed_on is null or r.closed_on > ${ye(y)}) as bucket_out,
      count(*)::int as n
    from disclosure_requests r
    where ${scopeWhere('r', s)} and r.received_on <= ${ye(y)} and (r.closed_on is null or r.closed_on >= ${ys(y)})
    group by 1, 2, 3, 4, 5, 6`.execute(conn);
  const t: Table3 = {};
  for (const row of T3_ROWS) t[row.key] = Object.fromEntries(T3_COLUMNS.map((c) => [c, 0]));
  const add = (row: string, kind: string, n: number) => { t[row][kind] += n; t[row].total += n; };
  for (const r of rows.rows) {
    // (CamelCasePlugin renames the raw columns bucket_new → bucketNew.)
    if (r.bucketNew) add('new', r.kind, r.n);
    if (r.bucketIn) add('carried_in', r.kind, r.n);
    if (r.bucketClosed) { add('closed', r.kind, r.n); if (r.leaf && t[`leaf:${r.leaf}`]) add(`leaf:${r.leaf}`, r.kind, r.n); }
    if (r.bucketOut) add('carried_out', r.kind, r.n);
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
  const y = s.year;
  const r = await sql<{ category: string; issued: number; abolished: number; valid: number; amount: string | null }>`
    select i.category,
      count(*) filter (where i.published_on between ${ys(y)} and ${ye(y)})::int as issued,
      count(*) filter (where i.abolished_on between ${ys(y)} and ${ye(y)})::int as abolished,
      count(*) filter (where i.published_on <= ${ye(y)} and (i.abolished_on is null or i.abolished_on > ${ye(y)}))::int as valid,
      sum(i.amount_wan) filter (where i.published_on between ${ys(y)} and ${ye(y)}) as amount
    from disclosure_items i
    where ${scopeWhere('i', s)} and i.status = 'published' and i.category in ('art20_1_rule','art20_1_normative','art20_5_license','art20_6_penalty','art20_6_coercion','art20_8_fee')
    group by i.category`.execute(conn);
  const by = new Map(r.rows.map((x) => [x.category, x]));
  const g = (k: string) => by.get(k);
  return {
    art20_1_rule: { issued: g('art20_1_rule')?.issued ?? 0, abolished: g('art20_1_rule')?.abolished ?? 0, valid: g('art20_1_rule')?.valid ?? 0 },
    art20_1_normative: { issued: g('art20_1_normative')?.issued ?? 0, abolished: g('art20_1_normative')?.abolished ?? 0, valid: g('art20_1_normative')?.valid ?? 0 },
    art20_5_license: { decisions: g('art20_5_license')?.issued ?? 0 },
    art20_6_penalty: { decisions: g('art20_6_penalty')?.issued ?? 0 },
    art20_6_coercion: { decisions: g('art20_6_coercion')?.issued ?? 0 },
    art20_8_fee: { amountWan: Math.round(Number(g('art20_8_fee')?.amount ?? 0) * 10000) / 10000 },
  };
}

export type Table4 = Record<string, Record<string, number>>;

function t4Where(y: number): RawBuilder<boolean> {
  return sql<boolean>`m.filed_on <= ${ye(y)} and (m.concluded_on is null or m.concluded_on >= ${ys(y)})`;
}
/** A remedy counts in Y if pending at some point of Y: its result if concluded in Y, else 尚未审结. */
export async function computeTable4(conn: Conn, s: ReportScope): Promise<Table4> {
  const y = s.year;
  const r = await sql<{ kind: string; bucket: string; n: number }>`
    select m.kind, case when m.concluded_on between ${ys(y)} and ${ye(y)} then m.result else 'pending' end as bucket, count(*)::int as n
    from disclosure_remedies m where ${scopeWhere('m', s)} and ${t4Where(y)} group by 1, 2`.execute(conn);
  const t: Table4 = {};
  for (const k of T4_KINDS) t[k.key] = Object.fromEntries(T4_RESULTS.map((x) => [x.key, 0]));
  for (const x of r.rows) { t[x.kind][x.bucket] += x.n; t[x.kind].total += x.n; }
  return t;
}

/** Figures for sections 一, 五 and 六: placeholders {{name}} in the editable text. */
export async function computeFigures(conn: Conn, s: ReportScope, t3: Table3, t4: Table4): Promise<Record<string, string>> {
  const y = s.year;
  const items = await sql<{ n: number; late: number }>`select count(*)::int as n, count(*) filter (where i.late)::int as late from disclosure_items i where ${scopeWhere('i', s)} and i.status = 'published' and i.published_on between ${ys(y)} and ${ye(y)}`.execute(conn);
  const fees = await sql<{ total: string | null }>`select sum(r.fee_amount) as total from disclosure_requests r where ${scopeWhere('r', s)} and r.fee_paid and r.closed_on between ${ys(y)} and ${ye(y)}`.execute(conn);
  const remedies = T4_KINDS.reduce((sum, k) => sum + t4[k.key].total, 0);
  return {
    年度: String(y),
    主动公开信息数: String(items.rows[0].n),
    逾期公开信息数: String(items.rows[0].late),
    新收申请数: String(t3.new.total),
    上年结转申请数: String(t3.carried_in.total),
    办结申请数: String(t3.closed.total),
    予以公开数: String(t3['leaf:1'].total),
    部分公开数: String(t3['leaf:2'].total),
    结转下年度数: String(t3.carried_out.total),
    复议诉讼数: String(remedies),
    信息处理费: String(Number(fees.rows[0].total ?? 0)),
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

/** Records behind one cell (drill-down). */
export async function drillTable3(conn: Conn, s: ReportScope, row: string, col: string, limit: number, offset: number) {
  const where = sql<boolean>`${scopeWhere('r', s)} and ${t3RowWhere(row, s.year)} ${col === 'total' ? sql`` : sql`and r.applicant_kind = ${col}`}`;
  const total = await sql<{ n: number }>`select count(*)::int as n from disclosure_requests r where ${where}`.execute(conn);
  const items = await sql<Record<string, unknown>>`
    select c.id, c.number, c.title, c.state, r.applicant_kind as "applicantKind", r.channel, to_char(r.received_on, 'YYYY-MM-DD') as "receivedOn",
      to_char(r.closed_on, 'YYYY-MM-DD') as "closedOn", r.leaf, r.answer_type as "answerType", o.name as "orgName"
    from disclosure_requests r join cases c on c.id = r.case_id join orgs o on o.id = r.org_id
    where ${where} order by r.received_on, c.number limit ${limit} offset ${offset}`.execute(conn);
  return { total: total.rows[0].n, items: items.rows };
}

export async function drillTable2(conn: Conn, s: ReportScope, category: string, measure: string, limit: number, offset: number) {
  const y = s.year;
  const m = measure === 'abolished' ? sql`i.abolished_on between ${ys(y)} and ${ye(y)}`
    : measure === 'valid' ? sql`i.published_on <= ${ye(y)} and (i.abolished_on is null or i.abolished_on > ${ye(y)})`
      : sql`i.published_on between ${ys(y)} and ${ye(y)}`;
  const where = sql<boolean>`${scopeWhere('i', s)} and i.status = 'published' and i.category = ${category} and ${m}`;
  const total = await sql<{ n: number }>`select count(*)::int as n from disclosure_items i where ${where}`.execute(conn);
  const items = await sql<Record<string, unknown>>`
    select i.id, i.index_no as "indexNo", i.title, i.doc_no as "docNo", to_char(i.published_on, 'YYYY-MM-DD') as "publishedOn",
      to_char(i.abolished_on, 'YYYY-MM-DD') as "abolishedOn", i.amount_wan as "amountWan", o.name as "orgName"
    from disclosure_items i join orgs o on o.id = i.org_id where ${where} order by i.published_on, i.index_no limit ${limit} offset ${offset}`.execute(conn);
  return { total: total.rows[0].n, items: items.rows.map((x) => ({ ...x, categoryLabel: categoryLabel(category) })) };
}

export async function drillTable4(conn: Conn, s: ReportScope, kind: string, result: string, limit: number, offset: number) {
  const y = s.year;
  const r = result === 'total' ? sql`true` : result === 'pending' ? sql`(m.concluded_on is null or m.concluded_on > ${ye(y)})` : sql`m.concluded_on between ${ys(y)} and ${ye(y)} and m.result = ${result}`;
  const where = sql<boolean>`${scopeWhere('m', s)} and ${t4Where(y)} and m.kind = ${kind} and ${r}`;
  const total = await sql<{ n: number }>`select count(*)::int as n from disclosure_remedies m where ${where}`.execute(conn);
  const items = await sql<Record<string, unknown>>`
    select m.id, c.id as "caseId", c.number, m.kind, m.case_no as "caseNo", to_char(m.filed_on, 'YYYY-MM-DD') as "filedOn", m.result, to_char(m.concluded_on, 'YYYY-MM-DD') as "concludedOn"
    from disclosure_remedies m join cases c on c.id = m.case_id where ${where} order by m.filed_on limit ${limit} offset ${offset}`.execute(conn);
  return { total: total.rows[0].n, items: items.rows };
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
