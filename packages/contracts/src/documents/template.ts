/**
 * 文书 templates: a title, a 文号 rule and a body with named placeholders. Pure functions shared by
 * the server (checking a template when it is saved, filling it when a document is issued) and the
 * console (the live preview), so that what the preview shows is what the server issues.
 *
 * Body markup, one paragraph per line (blank lines are ignored):
 *   一、…            a heading in 黑体 (GB/T 9704 7.3.3, first level)
 *   （一）…          a heading in 楷体 (second level)
 *   > …              flush left, no first-line indent (e.g. the addressee line "> {{当事人}}：")
 *   | a | b |        a table row (consecutive rows make one table; every row has the same number of cells)
 *   anything else    a paragraph indented by two characters
 * `{{名称}}` is a placeholder, filled from the case. A line that is a single placeholder holding a list becomes
 * one paragraph per item; a line whose placeholders are all empty is left out (an optional paragraph).
 */

export interface DocTemplate {
  title: string;
  /** 文号 rule, e.g. 示审批受字〔{year}〕{n}号: {year} the issuing year, {n} the next number (no padding, GB/T 9704 7.2.5). */
  docNo: string;
  body: string;
}

export interface PlaceholderDef {
  label: string;
  /** A value for the preview and for checking the template when it is saved. */
  sample: string | readonly string[];
}

export type PlaceholderValue = string | readonly string[];
export type PlaceholderValues = Record<string, PlaceholderValue>;

export type TemplateBlock =
  | { kind: 'h1' | 'h2' | 'p' | 'flush'; text: string }
  | { kind: 'table'; rows: string[][] };

export interface TemplateProblem { path: 'title' | 'docNo' | 'body'; message: string }

/** GB/T 9704-2012 7.2.5: 〔year〕, the number without 第 and without padding, then 号. */
export const DOC_NO_RE = /^.+〔\d{4}〕[1-9]\d*号$/;
const PLACEHOLDER = /\{\{\s*([^{}\s]{1,40})\s*\}\}/gu;
const RULE_TOKEN = /\{([^{}]*)\}/g;
const H1 = /^[一二三四五六七八九十]+、/;
const H2 = /^（[一二三四五六七八九十]+）/;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** `{{` or `}}` that is not part of a well-formed placeholder. */
function strayBraces(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

/** The 文号 for a year and a number. */
export function renderDocNo(rule: string, year: number, n: number): string {
  return rule.replace(/\{year\}/g, String(year)).replace(/\{n\}/g, String(n));
}

/** What is wrong with a 文号 rule, or null. */
export function docNoRuleError(rule: string): string | null {
  const r = rule.trim();
  if (!r) return '请填写文号规则，如 示审批受字〔{year}〕{n}号';
  const tokens = [...r.matchAll(RULE_TOKEN)].map((m) => m[1]);
  const unknown = tokens.filter((x) => x !== 'year' && x !== 'n');
  if (unknown.length) return `文号规则只能使用 {year}（年份）和 {n}（顺序号），不认识：${unknown.map((x) => `{${x}}`).join('、')}`;
  if (tokens.filter((x) => x === 'n').length !== 1) return '文号规则须含且只含一个 {n}（发文顺序号）';
  if (tokens.filter((x) => x === 'year').length !== 1) return '文号规则须含且只含一个 {year}（年份）';
  if (!DOC_NO_RE.test(renderDocNo(r, 2026, 1)) || !DOC_NO_RE.test(renderDocNo(r, 2026, 12))) {
    return '文号应为"机关代字〔年份〕序号号"，年份用六角括号〔〕括入，序号后加"号"，如 示审批受字〔{year}〕{n}号（GB/T 9704-2012 第7.2.5条）';
  }
  return null;
}

/**
 * Everything wrong with a template, each on its field: unknown placeholders (with the names that may be used),
 * stray braces, an empty title or body, table rows of different widths, a bad 文号 rule.
 */
export function templateProblems(t: DocTemplate, known: Record<string, PlaceholderDef>): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const names = Object.keys(known);
  const unknownIn = (path: 'title' | 'body', text: string) => {
    if (strayBraces(text)) out.push({ path, message: '花括号不成对：占位符应写作 {{名称}}' });
    const bad = placeholdersOf(text).filter((p) => !(p in known));
    if (bad.length) out.push({ path, message: `未知的占位符 ${bad.map((b) => `{{${b}}}`).join('、')}；可用的有：${names.join('、')}` });
  };
  if (!t.title.trim()) out.push({ path: 'title', message: '请填写文书标题' });
  else if (t.title.length > 60) out.push({ path: 'title', message: '标题最多 60 个字' });
  unknownIn('title', t.title);
  const rule = docNoRuleError(t.docNo);
  if (rule) out.push({ path: 'docNo', message: rule });
  if (!t.body.trim()) out.push({ path: 'body', message: '请填写正文' });
  else {
    unknownIn('body', t.body);
    let width = 0;
    t.body.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (!line.startsWith('|')) { width = 0; return; }
      const w = cellsOf(line).length;
      if (width && w !== width) out.push({ path: 'body', message: `第 ${i + 1} 行：表格每行的单元格数应相同（上一行 ${width} 格，本行 ${w} 格）` });
      width = w;
    });
  }
  return out;
}

export class TemplateFillError extends Error {
  constructor(readonly missing: string[]) {
    super(`文书模板的占位符没有取值：${missing.map((m) => `{{${m}}}`).join('、')}`);
  }
}

function cellsOf(line: string): string[] {
  const inner = line.slice(1, line.endsWith('|') && line.length > 1 ? -1 : undefined);
  return inner.split('|').map((c) => c.trim());
}

/** Replace placeholders in one pass (a value is never expanded again); lists are joined by `sep`. */
function substitute(text: string, values: PlaceholderValues, sep: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v : (v ?? []).join(sep);
  });
}

/** A line made only of placeholders (and spaces) whose values are all empty. */
function allEmpty(line: string, values: PlaceholderValues): boolean {
  const names = placeholdersOf(line);
  if (!names.length || line.replace(PLACEHOLDER, '').trim() !== '') return false;
  return names.every((n) => { const v = values[n]; return typeof v === 'string' ? v.trim() === '' : !v?.length; });
}

/**
 * Fill a template. Every placeholder it uses must have a value (else TemplateFillError naming all of them) —
 * which templateProblems() guarantees at save time for the placeholders a document kind declares.
 */
export function fillTemplate(t: Pick<DocTemplate, 'title' | 'body'>, values: PlaceholderValues): { title: string; blocks: TemplateBlock[] } {
  const missing = placeholdersOf(`${t.title}\n${t.body}`).filter((p) => values[p] === undefined);
  if (missing.length) throw new TemplateFillError(missing);
  const blocks: TemplateBlock[] = [];
  for (const raw of t.body.split('\n')) {
    const line = raw.trim();
    if (!line || allEmpty(line, values)) continue;
    if (line.startsWith('|')) {
      const row = cellsOf(line).map((c) => substitute(c, values, '\n'));
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'table') last.rows.push(row); else blocks.push({ kind: 'table', rows: [row] });
      continue;
    }
    const flush = line.startsWith('>');
    const text = flush ? line.slice(1).trim() : line;
    const kind = flush ? 'flush' : H1.test(text) ? 'h1' : H2.test(text) ? 'h2' : 'p';
    const only = placeholdersOf(text);
    const single = only.length === 1 && text.replace(PLACEHOLDER, '').trim() === '' ? values[only[0]] : undefined;
    const paragraphs = Array.isArray(single) ? (single as readonly string[]) : substitute(text, values, '、').split(/\n+/);
    for (const p of paragraphs) if (p.trim()) blocks.push({ kind, text: p.trim() });
  }
  return { title: substitute(t.title, values, '、').trim(), blocks };
}

/** The sample values of declared placeholders (the preview, and the check at save time). */
export function sampleValues(known: Record<string, PlaceholderDef>): PlaceholderValues {
  return Object.fromEntries(Object.entries(known).map(([k, d]) => [k, d.sample]));
}
