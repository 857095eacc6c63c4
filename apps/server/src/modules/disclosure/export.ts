/** The annual report and reply letters as documents: DOCX (公文 layout) and XLSX (the tables). */
import ExcelJS from 'exceljs';
import { formatDateZh, type ClockView } from '@yifa/contracts';
import { APPLICANT_KINDS, LEAVES, ANSWER_TYPES, WITHHOLD_GROUNDS, ORDINANCE, remedyNotice } from './rules.ts';
import { T2_BLOCKS, T3_ROWS, T4_KINDS, T4_RESULTS, type Report } from './report.ts';
import { gongwenDocx, type Block, type Cell } from '../../platform/documents/gongwen.ts';

const n = (v: number | undefined) => String(v ?? 0);

export function table2Rows(r: Report): Cell[][] {
  const rows: Cell[][] = [];
  for (const b of T2_BLOCKS) {
    rows.push([{ text: b.article, colSpan: 4 }]);
    rows.push(b.columns.length === 4 ? b.columns.map((c) => ({ text: c })) : [{ text: b.columns[0] }, { text: b.columns[1], colSpan: 3 }]);
    for (const row of b.rows) {
      const v = r.table2[row.key];
      if (b.columns.length === 4) rows.push([{ text: row.label }, { text: n(v.issued) }, { text: n(v.abolished) }, { text: n(v.valid) }]);
      else if (row.key === 'art20_8_fee') rows.push([{ text: row.label }, { text: String(v.amountWan ?? 0), colSpan: 3 }]);
      else rows.push([{ text: row.label }, { text: n(v.decisions), colSpan: 3 }]);
    }
  }
  return rows;
}

export const T3_HEADER: Cell[][] = [
  [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', colSpan: 3, rowSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
  [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
  APPLICANT_KINDS.slice(1).map((k) => ({ text: k.label })),
];

export function table3Rows(r: Report): Cell[][] {
  const cols = [...APPLICANT_KINDS.map((k) => k.key), 'total'];
  const vals = (key: string) => cols.map((c) => ({ text: n(r.table3[key][c]) }));
  const rows: Cell[][] = [];
  rows.push([{ text: T3_ROWS[0].label, colSpan: 3, align: 'left' }, ...vals('new')]);
  rows.push([{ text: T3_ROWS[1].label, colSpan: 3, align: 'left' }, ...vals('carried_in')]);
  const groups = [...new Set(LEAVES.map((l) => l.group))];
  let first = true;
  for (const g of groups) {
    const leaves = LEAVES.filter((l) => l.group === g);
    leaves.forEach((l, i) => {
      const lead: Cell[] = first ? [{ text: '三、本年度办理结果', rowSpan: LEAVES.length + 1 }] : [];
      first = false;
      if (leaves.length === 1) rows.push([...lead, { text: g, colSpan: 2, align: 'left' }, ...vals(`leaf:${l.key}`)]);
      else rows.push([...lead, ...(i === 0 ? [{ text: g, rowSpan: leaves.length }] : []), { text: l.label, align: 'left' }, ...vals(`leaf:${l.key}`)]);
    });
  }
  rows.push([{ text: '（七）总计', colSpan: 2, align: 'left' }, ...vals('closed')]);
  rows.push([{ text: T3_ROWS[T3_ROWS.length - 1].label, colSpan: 3, align: 'left' }, ...vals('carried_out')]);
  return rows;
}

export const T4_HEADER: Cell[][] = [
  [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
  [...T4_RESULTS.map((x) => ({ text: x.label, rowSpan: 2 })), { text: '未经复议直接起诉', colSpan: 5 }, { text: '复议后起诉', colSpan: 5 }],
  [...T4_RESULTS.map((x) => ({ text: x.label })), ...T4_RESULTS.map((x) => ({ text: x.label }))],
];
export function table4Rows(r: Report): Cell[][] {
  return [T4_KINDS.flatMap((k) => T4_RESULTS.map((x) => ({ text: n(r.table4[k.key][x.key]) })))];
}

/**
 * Column widths as in the 30号 template (版心 8845 twips): table 二's 信息内容 column is the widest; table 三's three label
 * columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密) are wide enough that a leaf label stays on one line at 小五,
 * the seven figures share the rest; table 四's fifteen figures are equal.
 */
const T2_WIDTHS = [40, 20, 20, 20];
const T3_WIDTHS = [475, 1050, 2700, 660, 660, 660, 660, 660, 660, 660];
/** In the DOCX: a group label breaks after its number (（三）/不予公开), a long column label every two characters (社会/公益/组织). */
const docxT3 = (rows: Cell[][], header: boolean) => rows.map((r) => r.map((c) => {
  if (header && c.text.length > 3 && (c.colSpan ?? 1) === 1 && !c.text.startsWith('（')) return { ...c, text: c.text.match(/.{1,2}/gu)!.join('\n') };
  if (!header && (c.rowSpan ?? 1) > 1 && /^（[一二三四五六七]）/.test(c.text)) return { ...c, text: c.text.replace('）', '）\n') };
  return c;
}));

export async function reportDocx(r: Report): Promise<Buffer> {
  const blocks: Block[] = [
    { kind: 'h1', text: '一、总体情况' }, { kind: 'p', text: r.rendered.一 },
    { kind: 'h1', text: '二、主动公开政府信息情况' }, { kind: 'table', header: [], rows: table2Rows(r), widths: T2_WIDTHS, keepTogether: true },
    { kind: 'h1', text: '三、收到和处理政府信息公开申请情况' },
    { kind: 'table', header: docxT3(T3_HEADER, true), rows: docxT3(table3Rows(r), false), widths: T3_WIDTHS, fontSize: 18, keepTogether: true },
    { kind: 'h1', text: '四、政府信息公开行政复议、行政诉讼情况' }, { kind: 'table', header: T4_HEADER, rows: table4Rows(r), fontSize: 18, keepTogether: true },
    { kind: 'h1', text: '五、存在的主要问题及改进情况' }, { kind: 'p', text: r.rendered.五 },
    { kind: 'h1', text: '六、其他需要报告的事项' }, { kind: 'p', text: r.rendered.六 },
  ];
  return gongwenDocx({ title: `${r.orgName}${r.year}年政府信息公开工作年度报告`, docNo: r.docNo, blocks, signer: r.orgName, date: r.publishedOn ?? r.dueOn });
}

export async function reportXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const put = (name: string, header: Cell[][], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name);
    const grid: boolean[][] = [];
    let rIdx = 1;
    for (const row of [...header, ...rows]) {
      let c = 1;
      for (const cell of row) {
        while (grid[rIdx]?.[c]) c++;
        const span = cell.colSpan ?? 1; const rs = cell.rowSpan ?? 1;
        for (let i = 0; i < rs; i++) for (let j = 0; j < span; j++) { (grid[rIdx + i] ??= [])[c + j] = true; }
        const v = /^\d+(\.\d+)?$/.test(cell.text) && rIdx > header.length ? Number(cell.text) : cell.text;
        ws.getCell(rIdx, c).value = v;
        if (span > 1 || rs > 1) ws.mergeCells(rIdx, c, rIdx + rs - 1, c + span - 1);
        c += span;
      }
      rIdx++;
    }
  };
  put('二、主动公开', [], table2Rows(r));
  put('三、依申请公开', T3_HEADER, table3Rows(r));
  put('四、复议诉讼', T4_HEADER, table4Rows(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The parts of an answer (答复书) that the letter and the issued 文书 (documents.ts) share: the article, the answer's
 * wording with the ground, the content, the deadline's explanation, and the remedy paragraph in force on the day it was
 * decided (remedyNotice: 复议前置 for a refusal decided from 2024-01-01).
 */
export function answerParts(d: Record<string, unknown>, clock: ClockView | null, decidedOn: string, reviewOrgan: string) {
  const t = ANSWER_TYPES[String(d.answerType)];
  const g = d.ground ? WITHHOLD_GROUNDS[String(d.ground)] : undefined;
  return {
    答复条款: t?.article ?? '',
    答复意见: `${t?.letter ?? ''}${g ? `${g.label}（${ORDINANCE}${g.article}）。` : ''}`,
    答复内容: String(d.answerContent ?? ''),
    期限说明: clock?.explanation?.length ? `答复期限说明：${clock.explanation.join('')}` : '',
    救济途径: remedyNotice(String(d.answerType), decidedOn, reviewOrgan).text,
  };
}

/** 答复告知书 (and the other letters of the procedure). */
export async function replyLetterDocx(l: {
  kind: 'answer' | 'correction' | 'extension' | 'delay' | 'fee'; orgName: string; applicantName: string; number: string; receivedOn: string;
  description: string; data: Record<string, unknown>; docNo: string | null; date: string; clock?: ClockView | null;
  /** For an answer: the day it was decided (chooses the remedy rule) and the 行政复议机关 to name. */
  decidedOn?: string; reviewOrgan?: string;
}): Promise<Buffer> {
  const d = l.data;
  const intro = `${formatDateZh(l.receivedOn)}，本机关收到您提出的政府信息公开申请（编号 ${l.number}），申请获取"${l.description}"。`;
  const blocks: Block[] = [{ kind: 'p', text: intro }];
  let title = '政府信息公开申请答复告知书';
  if (l.kind === 'answer') {
    const a = answerParts(d, l.clock ?? null, l.decidedOn ?? l.date, l.reviewOrgan ?? '本级人民政府');
    blocks.push({ kind: 'p', text: `根据${ORDINANCE}${a.答复条款}的规定，现答复如下：` });
    for (const text of [a.答复意见, a.答复内容, a.期限说明, a.救济途径]) if (text) blocks.push({ kind: 'p', text });
  } else if (l.kind === 'correction') {
    title = '政府信息公开申请补正告知书';
    blocks.push({ kind: 'p', text: `经审查，您的申请内容不明确。根据${ORDINANCE}第三十条的规定，现一次性告知您需要补正的事项：${String(d.correctionItems ?? '')}` });
    blocks.push({ kind: 'p', text: '请在补正期限内提交补正材料。答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。' });
    if (l.clock?.explanation?.length) blocks.push({ kind: 'p', text: `补正期限说明：${l.clock.explanation.join('')}` });
  } else if (l.kind === 'extension') {
    title = '政府信息公开申请延期答复告知书';
    blocks.push({ kind: 'p', text: `因需要延长答复期限，经本机关政府信息公开工作机构负责人同意，根据${ORDINANCE}第三十三条第二款的规定，答复期限延长。` });
    if (l.clock?.explanation?.length) blocks.push({ kind: 'p', text: `期限说明：${l.clock.explanation.join('')}` });
  } else if (l.kind === 'delay') {
    title = '政府信息公开申请延迟答复告知书';
    blocks.push({ kind: 'p', text: `您申请公开政府信息的数量、频次明显超过合理范围。经要求您说明理由，您的理由为：${String(d.delayApplicantReason ?? '')}。本机关认为理由合理，但无法在${ORDINANCE}第三十三条规定的期限内答复。` });
    blocks.push({ kind: 'p', text: `根据${ORDINANCE}第三十五条的规定，经本机关负责人同意，确定延迟答复的期限为${String(d.delayDays ?? '')}个工作日（理由：${String(d.delayReason ?? '')}），现告知如下。` });
    if (l.clock?.explanation?.length) blocks.push({ kind: 'p', text: `期限说明：${l.clock.explanation.join('')}` });
  } else {
    title = '政府信息公开信息处理费缴费通知书';
    const fee = d.fee as { amount: number; detail: string; basis: string } | undefined;
    blocks.push({ kind: 'p', text: `根据国办函〔2020〕109号的规定，您应缴纳信息处理费${fee?.amount ?? 0}元（${fee?.detail ?? ''}）。逾期未缴纳的，本机关不再处理您的政府信息公开申请。缴费期间不计算在答复期限内。` });
  }
  return gongwenDocx({ title, docNo: l.docNo, addressee: l.applicantName, blocks, signer: l.orgName, date: l.date });
}
