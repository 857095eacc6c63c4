/**
 * DOCX in the GB/T 9704-2012 公文 layout (DOMAIN.md §12): A4 (11906×16838 twips), margins top
 * 2098 / bottom 1984 / left 1587 / right 1474 twips (37/35/28/26 mm), body 仿宋_GB2312 三号 (16 pt)
 * with all four rFonts slots set, 发文机关标志 in red 小标宋 centred, 发文字号 centred with the red rule
 * under it, title 方正小标宋简体 二号 (22 pt) centred, headings "一、" 黑体 / "（一）" 楷体, fixed 28.95 pt
 * line spacing (22 lines × 28 characters), page numbers "— N —" in 4号 宋体 (odd pages right, even pages left).
 * Tables: fixed column widths (the 版心 is 156 mm = 8845 twips), header rows repeated on every page, rows
 * never split across pages, and a table may be kept on one page with its heading (the 年报 tables).
 */
import {
  AlignmentType, Document, Footer, Header, HeightRule, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow,
  TextRun, VerticalAlign, WidthType, BorderStyle, type IRunOptions,
} from 'docx';
import type { TemplateBlock } from '@yifa/contracts';

const FANGSONG = '仿宋_GB2312';
const XBS = '方正小标宋简体';
const HEITI = '黑体';
const KAITI = '楷体_GB2312';
const SONG = '宋体';
const fonts = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const LINE = 579; // 28.95 pt in twips
/** Width of the 版心 (156 mm) in twips. */
export const TYPE_AREA_WIDTH = 11906 - 1587 - 1474;
const run = (text: string, font = FANGSONG, size = 32, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: fonts(font), size, ...extra });

export type Block =
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'flush'; text: string }
  | {
    kind: 'table'; header: Cell[][]; rows: Cell[][];
    /** Relative widths of the columns (the grid, before spans); default equal. */
    widths?: number[];
    /** Font size in half-points (default 21 = 五号 10.5 pt; 18 = 小五 9 pt). */
    fontSize?: number;
    /** Keep the whole table, and the heading before it, on one page (each row kept with the next). */
    keepTogether?: boolean;
    /** Minimum row height in twips (room to sign in a 送达回证). */
    rowHeight?: number;
  };
export interface Cell { text: string; colSpan?: number; rowSpan?: number; align?: 'left' | 'center' }

export interface GongwenInput {
  title: string;
  /** 发文机关标志 (the issuing organ's name, red, above the 发文字号). */
  masthead?: string | null;
  docNo?: string | null;
  /** 主送机关 or addressee, flush left with a full-width colon. */
  addressee?: string | null;
  blocks: Block[];
  signer: string;
  /** YYYY-MM-DD; empty: a blank form's 年 月 日 for the applicant to fill in. */
  date: string;
}

const exact = { line: LINE, lineRule: LineRuleType.EXACT };

function body(text: string, indent = true, keepNext = false): Paragraph {
  return new Paragraph({
    children: [run(text)], indent: indent ? { firstLine: 640 } : undefined, spacing: exact, alignment: AlignmentType.JUSTIFIED, keepNext,
  });
}

function cellOf(c: Cell, size: number, keepNext: boolean, width: number): TableCell {
  const lines = c.text.split('\n');
  return new TableCell({
    children: lines.map((line) => new Paragraph({
      alignment: c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, keepNext, keepLines: true, children: [run(line, FANGSONG, size)],
    })),
    columnSpan: c.colSpan, rowSpan: c.rowSpan, verticalAlign: VerticalAlign.CENTER, width: { size: width, type: WidthType.DXA },
    margins: { left: 57, right: 57, top: 28, bottom: 28 },
  });
}

/** Column widths in twips from relative weights, filling the 版心. */
function gridOf(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => Math.floor((w / total) * TYPE_AREA_WIDTH));
  cols[cols.length - 1] += TYPE_AREA_WIDTH - cols.reduce((a, b) => a + b, 0);
  return cols;
}

/** The number of grid columns of a table: the widest row counting spans (rows under a row span are shorter). */
function columnsOf(rows: Cell[][]): number {
  return Math.max(...rows.map((r) => r.reduce((a, c) => a + (c.colSpan ?? 1), 0)));
}

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const all = [...b.header, ...b.rows];
  const grid = gridOf(b.widths ?? Array.from({ length: columnsOf(all) }, () => 1));
  const size = b.fontSize ?? 21;
  // Which grid column each cell starts in (cells under a row span from above are absent from the row).
  const taken: boolean[][] = [];
  const rowOf = (r: Cell[], i: number, header: boolean) => {
    let col = 0;
    const cells = r.map((c) => {
      while (taken[i]?.[col]) col++;
      const span = c.colSpan ?? 1;
      for (let y = 0; y < (c.rowSpan ?? 1); y++) for (let x = 0; x < span; x++) (taken[i + y] ??= [])[col + x] = true;
      const width = grid.slice(col, col + span).reduce((a, w) => a + w, 0);
      col += span;
      return cellOf(c, size, !!b.keepTogether && i < all.length - 1, width);
    });
    return new TableRow({
      tableHeader: header, cantSplit: true, children: cells,
      ...(b.rowHeight ? { height: { value: b.rowHeight, rule: HeightRule.ATLEAST } } : {}),
    });
  };
  return new Table({
    width: { size: TYPE_AREA_WIDTH, type: WidthType.DXA }, columnWidths: grid, layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: all.map((r, i) => rowOf(r, i, i < b.header.length)),
  });
}

/** "2026-06-15" → "2026年6月15日" (no zero padding, 7.3.5.4). */
export function dateZh(d: string): string {
  const [y, m, dd] = d.split('-').map(Number);
  return `${y}年${m}月${dd}日`;
}

/** A filled template's blocks as 公文 blocks: a table's columns are as wide as their longest line needs (labels stay whole). */
export function templateBlocks(blocks: TemplateBlock[]): Block[] {
  return blocks.map((b): Block => {
    if (b.kind !== 'table') return b;
    const n = Math.max(...b.rows.map((r) => r.length));
    const longest = (i: number) => Math.max(0, ...b.rows.flatMap((r) => (r[i] ?? '').split('\n').map((l) => l.length)));
    const widths = Array.from({ length: n }, (_, i) => Math.min(24, Math.max(4, longest(i))));
    return {
      kind: 'table', header: [], widths, rowHeight: 680,
      rows: b.rows.map((r) => r.map((text, i) => ({ text, align: i === 0 ? 'center' as const : 'left' as const }))),
    };
  });
}

export async function gongwenDocx(g: GongwenInput): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (g.masthead) {
    children.push(new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { line: 900, lineRule: LineRuleType.EXACT, after: 240 },
      children: [run(g.masthead, XBS, 52, { color: 'FF0000' })],
    }));
  }
  if (g.docNo) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(g.docNo)] }));
    children.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'FF0000', space: 1 } }, children: [] }));
    children.push(new Paragraph({ children: [] }));
  }
  children.push(new Paragraph({
    alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 300 }, children: [run(g.title, XBS, 44)],
  }));
  if (g.addressee) children.push(body(`${g.addressee}：`, false));
  g.blocks.forEach((b, i) => {
    const next = g.blocks[i + 1];
    const keepNext = next?.kind === 'table' && !!next.keepTogether;
    if (b.kind === 'h1') children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: exact, keepNext, children: [run(b.text, HEITI)] }));
    else if (b.kind === 'h2') children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: exact, keepNext, children: [run(b.text, KAITI)] }));
    else if (b.kind === 'p') for (const para of b.text.split(/\n+/)) children.push(body(para, true, keepNext));
    else if (b.kind === 'flush') children.push(body(b.text, false, keepNext));
    else { children.push(table(b)); children.push(new Paragraph({ children: [] })); }
  });
  children.push(new Paragraph({ children: [] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: exact, children: [run(g.signer)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: exact, children: [run(g.date ? dateZh(g.date) : '　　　　年　　月　　日')] }));
  const pageNo = (align: (typeof AlignmentType)[keyof typeof AlignmentType], side: 'left' | 'right') => new Footer({
    children: [new Paragraph({
      alignment: align, indent: side === 'right' ? { right: 320 } : { left: 320 },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fonts(SONG), size: 28 })],
    })],
  });
  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: fonts(FANGSONG), size: 32 } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, header: 567, footer: 1247 } } },
      // Empty headers inside the 天头: a 补打 mark goes there (stamp.ts) without moving a line of the original.
      headers: { default: new Header({ children: [new Paragraph({})] }), even: new Header({ children: [new Paragraph({})] }) },
      footers: { default: pageNo(AlignmentType.RIGHT, 'right'), even: pageNo(AlignmentType.LEFT, 'left') },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
