/**
 * DOCX in the GB/T 9704-2012 公文 layout (DOMAIN.md §12): A4 (11906×16838 twips), margins top
 * 2098 / bottom 1984 / left 1587 / right 1474 twips (37/35/28/26 mm), body 仿宋_GB2312 三号 (16 pt)
 * with all four rFonts slots set, title 方正小标宋简体 二号 (22 pt) centred, 发文字号 centred, headings
 * "一、" 黑体 / "（一）" 楷体, fixed 28.95 pt line spacing (22 lines × 28 characters), page numbers
 * "— N —" in 4号 宋体 (odd pages right, even pages left).
 */
import {
  AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun,
  VerticalAlign, WidthType, BorderStyle, type IRunOptions,
} from 'docx';

const FANGSONG = '仿宋_GB2312';
const XBS = '方正小标宋简体';
const HEITI = '黑体';
const KAITI = '楷体_GB2312';
const SONG = '宋体';
const fonts = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const LINE = 579; // 28.95 pt in twips
const run = (text: string, font = FANGSONG, size = 32, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: fonts(font), size, ...extra });

export type Block =
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'flush'; text: string }
  | { kind: 'table'; header: Cell[][]; rows: Cell[][] };
export interface Cell { text: string; colSpan?: number; rowSpan?: number; align?: 'left' | 'center' }

export interface GongwenInput {
  title: string;
  docNo?: string | null;
  /** 主送机关 or addressee, flush left with a full-width colon. */
  addressee?: string | null;
  blocks: Block[];
  signer: string;
  date: string; // YYYY-MM-DD
}

function body(text: string, indent = true): Paragraph {
  return new Paragraph({ children: [run(text)], indent: indent ? { firstLine: 640 } : undefined, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, alignment: AlignmentType.JUSTIFIED });
}

function cellOf(c: Cell, small: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(c.text, FANGSONG, small ? 21 : 24)] })],
    columnSpan: c.colSpan, rowSpan: c.rowSpan, verticalAlign: VerticalAlign.CENTER,
  });
}

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [...b.header.map((r) => new TableRow({ tableHeader: true, children: r.map((c) => cellOf(c, true)) })), ...b.rows.map((r) => new TableRow({ children: r.map((c) => cellOf(c, true)) }))],
  });
}

/** "2026-06-15" → "2026年6月15日" (no zero padding, 7.3.5.4). */
export function dateZh(d: string): string {
  const [y, m, dd] = d.split('-').map(Number);
  return `${y}年${m}月${dd}日`;
}

export async function gongwenDocx(g: GongwenInput): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (g.docNo) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(g.docNo)] }));
    children.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'FF0000', space: 1 } }, children: [] }));
    children.push(new Paragraph({ children: [] }));
  }
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 300 }, children: [run(g.title, XBS, 44)] }));
  if (g.addressee) children.push(body(`${g.addressee}：`, false));
  for (const b of g.blocks) {
    if (b.kind === 'h1') children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(b.text, HEITI)] }));
    else if (b.kind === 'h2') children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(b.text, KAITI)] }));
    else if (b.kind === 'p') for (const para of b.text.split(/\n+/)) children.push(body(para));
    else if (b.kind === 'flush') children.push(body(b.text, false));
    else { children.push(table(b)); children.push(new Paragraph({ children: [] })); }
  }
  children.push(new Paragraph({ children: [] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(g.signer)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(dateZh(g.date))] }));
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
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1247 } } },
      footers: { default: pageNo(AlignmentType.RIGHT, 'right'), even: pageNo(AlignmentType.LEFT, 'left') },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
