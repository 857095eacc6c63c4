/**
 * CSV/XLSX in and out, for imports of historical records and exports of every list.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { toCstIso } from '@yifa/contracts';

export type TabularRow = { row: number; values: Record<string, string> };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
  }
  return String(v).trim();
}

/** Read the first sheet of an XLSX or a CSV (UTF-8, with or without BOM) into rows keyed by header. */
export async function readTable(buf: Buffer, filename: string): Promise<{ headers: string[]; rows: TabularRow[] }> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  if (/\.xlsx$/i.test(filename)) {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    ws = wb.worksheets[0];
  } else if (/\.csv$/i.test(filename)) {
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    ws = await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter: ',' } } as never);
  } else {
    throw new Error('只支持 .csv 或 .xlsx 文件');
  }
  if (!ws) return { headers: [], rows: [] };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => { headers[col - 1] = cellText(cell.value); });
  const rows: TabularRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => { values[h] = cellText(r.getCell(i + 1).value); });
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: n, values });
  });
  return { headers, rows };
}

export interface Column<T> { key: string; label: string; value?: (row: T) => unknown }

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An instant as a county reads it: Beijing time, 'YYYY-MM-DD HH:mm:ss' (a legal date stays as it is). */
export function beijingText(v: Date | string): string {
  return Number.isNaN(new Date(v).getTime()) ? String(v) : toCstIso(v).slice(0, 19).replace('T', ' ');
}
/** A cell's value for an export: instants (Date objects or ISO strings) in Beijing time, never UTC 'Z' text. */
export function exportCell(v: unknown): unknown {
  if (v instanceof Date || (typeof v === 'string' && ISO_INSTANT.test(v))) return beijingText(v);
  return v;
}

export async function toXlsx<T extends Record<string, unknown>>(sheet: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yifa';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(10, c.label.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, exportCell(c.value ? c.value(r) : r[c.key])])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function sendXlsx<T extends Record<string, unknown>>(reply: FastifyReply, name: string, columns: Column<T>[], rows: T[]): Promise<FastifyReply> {
  const buf = await toXlsx(name, columns, rows);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
    .send(buf);
}
