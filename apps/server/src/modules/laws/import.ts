/**
 * XLSX/CSV import and export of the 法律法规目录. A row whose 名称 and 效力级别 are already in the catalogue updates that law
 * (a new 修改 or 废止 date flags the citations, like an edit); a new one is added. Every bad row is reported by row number and
 * column and imports nothing; the good rows go in one transaction with one audit record.
 */
import { isLegalDate, legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import type { TabularRow } from '../../platform/io/tabular.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { dateProblems, fieldsOf, flagCitationsInTrx, LAW_LEVELS, lawRow, lawStatusOn, newChanges, type LawFields, type LawLevel } from './store.ts';

export const LAW_COLUMNS = ['名称', '制定机关', '效力级别', '文号', '公布日期', '施行日期', '修改日期', '废止日期', '备注'] as const;
const REQUIRED = ['名称', '制定机关', '效力级别', '公布日期', '施行日期'] as const;
/** Field of the law → its column (to name a date problem's column). */
const COLUMN_OF: Record<string, string> = { effectiveOn: '施行日期', amendedOn: '修改日期', repealedOn: '废止日期', promulgatedOn: '公布日期' };

export interface ImportReport {
  total: number; imported: number; added: number; updated: number; unchanged: number; flagged: number;
  rejected: { row: number; errors: { column: string; message: string }[] }[];
}

/** Parse one row; the errors name its columns. */
export function parseLawRow(values: Record<string, string>): { law?: LawFields; errors: { column: string; message: string }[] } {
  const v = (k: string) => (values[k] ?? '').trim();
  const errors: { column: string; message: string }[] = [];
  const title = v('名称').replace(/^《(.*)》$/, '$1');
  if (title.length < 2 || title.length > 200) errors.push({ column: '名称', message: '应为 2–200 个字' });
  const issuer = v('制定机关');
  if (issuer.length < 2 || issuer.length > 100) errors.push({ column: '制定机关', message: '应为 2–100 个字' });
  const level = v('效力级别');
  if (!(LAW_LEVELS as readonly string[]).includes(level)) errors.push({ column: '效力级别', message: `应为 ${LAW_LEVELS.join('、')} 之一` });
  const date = (col: string, required: boolean) => {
    const s = v(col);
    if (!s) { if (required) errors.push({ column: col, message: '必填，格式 YYYY-MM-DD' }); return null; }
    if (!isLegalDate(s)) { errors.push({ column: col, message: `"${s}" 不是有效日期（YYYY-MM-DD）` }); return null; }
    return s;
  };
  const promulgatedOn = date('公布日期', true);
  const effectiveOn = date('施行日期', true);
  const repealedOn = date('废止日期', false);
  const amendedRaw = v('修改日期').split(/[；;、,，\s]+/).filter(Boolean);
  const bad = amendedRaw.filter((d) => !isLegalDate(d));
  if (bad.length) errors.push({ column: '修改日期', message: `${bad.join('、')} 不是有效日期（多个日期用"；"分隔）` });
  if (errors.length || !promulgatedOn || !effectiveOn) return { errors };
  const law: LawFields = { title, issuer, level: level as LawLevel, docNo: v('文号'), note: v('备注'), promulgatedOn, effectiveOn,
    amendedOn: [...amendedRaw].sort(), repealedOn };
  for (const p of dateProblems(law)) errors.push({ column: COLUMN_OF[p.path.split('.')[0]] ?? p.path, message: p.message });
  return errors.length ? { errors } : { law, errors };
}

export async function importLaws(ctx: Ctx, rows: TabularRow[], actor: Actor, region: string): Promise<ImportReport> {
  const now = ctx.clock.now();
  const report: ImportReport = { total: rows.length, imported: 0, added: 0, updated: 0, unchanged: 0, flagged: 0, rejected: [] };
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('laws').selectAll().where('regionCode', '=', region).execute();
    const byKey = new Map(existing.map((l) => [`${l.level}|${l.title}`, l]));
    const seen = new Map<string, number>();
    for (const { row, values } of rows) {
      const { law, errors } = parseLawRow(values);
      if (law) {
        const first = seen.get(`${law.level}|${law.title}`);
        if (first !== undefined) errors.push({ column: '名称', message: `与第 ${first} 行重复` });
        else seen.set(`${law.level}|${law.title}`, row);
      }
      if (errors.length || !law) { report.rejected.push({ row, errors }); continue; }
      const cur = byKey.get(`${law.level}|${law.title}`);
      if (!cur) {
        await trx.insertInto('laws').values({ regionCode: region, ...lawRow(law, now) }).execute();
        report.added++;
      } else {
        const before = fieldsOf(cur);
        if (JSON.stringify({ ...before, amendedOn: [...before.amendedOn].sort() }) === JSON.stringify(law)) { report.unchanged++; report.imported++; continue; }
        await trx.updateTable('laws').set({ ...lawRow(law, now), version: cur.version + 1 }).where('id', '=', cur.id).execute();
        for (const ch of newChanges(before, law)) report.flagged += await flagCitationsInTrx(trx, cur.id, ch.on, ch.reason, now);
        report.updated++;
      }
      report.imported++;
    }
    await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, {
      action: 'laws.import', targetType: 'laws', targetId: region,
      detail: { total: report.total, added: report.added, updated: report.updated, rejected: report.rejected.length, flagged: report.flagged },
    }, now, region);
  });
  return report;
}

/** The catalogue as rows of the import's columns, with its status today. */
export async function exportRows(ctx: Ctx, region: string) {
  const today = legalDateOf(ctx.clock.now());
  const rows = await ctx.db.selectFrom('laws').selectAll().where('regionCode', '=',
    region).orderBy('level').orderBy('promulgatedOn').orderBy('title').execute();
  return rows.map((r) => {
    const l = fieldsOf(r);
    return { 名称: l.title, 制定机关: l.issuer, 效力级别: l.level, 文号: l.docNo, 公布日期: l.promulgatedOn, 施行日期: l.effectiveOn,
      修改日期: l.amendedOn.join('；'), 废止日期: l.repealedOn ?? '', 备注: l.note, 状态: lawStatusOn(l, today) };
  });
}

export const REQUIRED_COLUMNS = REQUIRED;
