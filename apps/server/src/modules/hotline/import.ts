/**
 * Import of historical tickets (CSV/XLSX). Each row is replayed through the case engine at its
 * own dates (an injected clock), so that clocks, events, the projection and therefore every
 * metric of the past come out as if the ticket had been handled here. One transaction per row;
 * a bad row is reported by row number and column and imports nothing.
 */
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import { ManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/problem.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import type { TabularRow } from '../../platform/io/tabular.ts';
import { replaying, TICKET } from './ticket.ts';
import { withoutNotices } from '../../platform/notifications/notices.ts';
import { TICKET_TYPES } from './workflow.ts';

export const IMPORT_COLUMNS = [
  { name: '受理时间', required: true, note: 'YYYY-MM-DD HH:mm（北京时间）' },
  { name: '渠道', required: false, note: '电话 / 网站 / 书记县长信箱；空 = 历史导入' },
  { name: '诉求类型', required: true, note: TICKET_TYPES.join(' / ') },
  { name: '事项编码', required: true, note: '派单目录末级事项编码' },
  { name: '诉求内容', required: true, note: '至少 5 个字' },
  { name: '地址', required: false, note: '' },
  { name: '乡镇', required: false, note: '乡镇（街道）名称' },
  { name: '姓名', required: false, note: '加密保存' },
  { name: '联系电话', required: false, note: '加密保存；空则按匿名导入' },
  { name: '即时答复', required: false, note: '当场答复的内容（填写则按即时答复办结）' },
  { name: '主办单位', required: false, note: '机构名称；派单的工单必填' },
  { name: '派单时间', required: false, note: 'YYYY-MM-DD HH:mm' },
  { name: '签收时间', required: false, note: 'YYYY-MM-DD HH:mm' },
  { name: '答复时间', required: false, note: 'YYYY-MM-DD HH:mm' },
  { name: '办理结果', required: false, note: '已解决 / 部分解决 / 已解释说明 / 未能解决' },
  { name: '答复内容', required: false, note: '' },
  { name: '回访时间', required: false, note: 'YYYY-MM-DD HH:mm' },
  { name: '满意度', required: false, note: '满意 / 基本满意 / 不满意；空 = 回访未联系上' },
  { name: '是否解决', required: false, note: '是 / 否' },
  { name: '办结时间', required: false, note: 'YYYY-MM-DD HH:mm' },
] as const;

const FIELD_COLUMN: Record<string, string> = { categoryCode: '事项编码', description: '诉求内容', ticketType: '诉求类型', 'parties.phone': '联系电话', 'parties.name': '姓名', address: '地址' };
const CHANNEL_OF: Record<string, string> = { 电话: 'phone', 网站: 'web', 书记县长信箱: 'mailbox', '': 'import', 历史导入: 'import' };

function parseTime(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim()) ?? /^(\d{4}-\d{2}-\d{2})$/.exec(s.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${String(m[2] ?? '9').padStart(2, '0')}:${m[3] ?? '00'}:${m[4] ?? '00'}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * CSV read as text (RFC 4180 quoting, UTF-8 with or without BOM): a spreadsheet parser would turn
 * 01.02 into 1.02 and '2026-01-05 09:15' into a date without its time.
 */
export function parseCsv(text: string): { headers: string[]; rows: TabularRow[] } {
  const records: string[][] = [];
  let field = ''; let rec: string[] = []; let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { rec.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      rec.push(field); records.push(rec); rec = []; field = '';
    } else field += ch;
  }
  if (field !== '' || rec.length) { rec.push(field); records.push(rec); }
  const headers = (records[0] ?? []).map((h) => h.trim());
  const rows: TabularRow[] = [];
  records.slice(1).forEach((r, i) => {
    const values: Record<string, string> = {};
    headers.forEach((h, j) => { values[h] = (r[j] ?? '').trim(); });
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: i + 2, values });
  });
  return { headers, rows };
}

export async function importTickets(ctx: Ctx, importer: Actor, headers: string[], rows: TabularRow[]) {
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !headers.includes(c.name));
  if (missing.length) throw new AppError('validation_failed', `缺少列：${missing.map((c) => c.name).join('、')}`, { errors: missing.map((c) => ({ path: `file.columns.${c.name}`, message: '缺少该列' })) });
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path', 'kind']).where('regionCode', '=', ctx.config.defaultRegion).where('dissolvedOn', 'is', null).execute();
  const errors: { row: number; column: string; message: string }[] = [];
  const created: string[] = [];
  for (const { row, values: v } of rows) {
    const bad = (column: string, message: string) => errors.push({ row, column, message });
    const before = errors.length;
    const t = (col: string) => { const s = v[col] ?? ''; if (!s) return null; const d = parseTime(s); if (!d) bad(col, '时间格式应为 YYYY-MM-DD HH:mm'); return d; };
    const accepted = t('受理时间');
    if (!v['受理时间']) bad('受理时间', '必填');
    const channel = CHANNEL_OF[v['渠道'] ?? ''];
    if (!channel) bad('渠道', '应为 电话 / 网站 / 书记县长信箱');
    const township = v['乡镇'] ? orgs.find((o) => o.kind === 'township' && o.name === v['乡镇']) : undefined;
    if (v['乡镇'] && !township) bad('乡镇', '没有该乡镇（街道）');
    const lead = v['主办单位'] ? orgs.find((o) => o.name === v['主办单位']) : undefined;
    if (v['主办单位'] && !lead) bad('主办单位', '没有该机构');
    const dispatched = t('派单时间'); const signed = t('签收时间'); const replied = t('答复时间'); const called = t('回访时间'); const closed = t('办结时间');
    if (lead && !dispatched) bad('派单时间', '派单的工单须填写派单时间');
    if (!lead && !v['即时答复'] && (replied || closed)) bad('主办单位', '已答复的工单须填写主办单位或即时答复');
    const seq: [string, Date | null][] = [['受理时间', accepted], ['派单时间', dispatched], ['签收时间', signed], ['答复时间', replied], ['回访时间', called], ['办结时间', closed]];
    let prev: Date | null = null;
    for (const [col, d] of seq) { if (d && prev && d < prev) bad(col, '不能早于前一环节的时间'); if (d) prev = d; }
    if (called && !replied) bad('回访时间', '未答复的工单不能有回访');
    if (closed && !called && !v['即时答复']) bad('办结时间', '办结须先回访（未联系上的，满意度留空）');
    if (v['满意度'] && !['满意', '基本满意', '不满意'].includes(v['满意度'])) bad('满意度', '应为 满意 / 基本满意 / 不满意');
    if (v['是否解决'] && !['是', '否'].includes(v['是否解决'])) bad('是否解决', '应为 是 / 否');
    if (errors.length > before || !accepted) continue;

    const clock = new ManualClock(accepted);
    const c2: Ctx = { ...ctx, clock };
    const actor: Actor = {
      ...importer, name: `${importer.name}（历史导入）`,
      grants: [...importer.grants, ...(lead ? [{ role: 'handler' as const, orgId: lead.id, orgPath: lead.path, subtree: false }] : [])],
    };
    try {
      // a historical row: the citizen was told at the time, so no notice goes out now
      const id = await replaying.run(true, () => withoutNotices(() => ctx.db.transaction().execute(async (trx) => {
        const caseId = await openCaseInTrx(c2, trx, TICKET, {
          channel, ticketType: v['诉求类型'], categoryCode: v['事项编码'], description: v['诉求内容'], address: v['地址'] || undefined, townshipId: township?.id,
          anonymous: !v['联系电话'], parties: { name: v['姓名'] || undefined, phone: v['联系电话'] || undefined },
        }, actor, null);
        const act = async (at: Date, action: string, input: Record<string, unknown>) => { clock.set(at); await performInTrx(c2, trx, { caseId, action, input, actor }); };
        if (v['即时答复']) {
          await act(replied ?? accepted, 'instant_answer', { answer: v['即时答复'] });
          return caseId;
        }
        if (!lead || !dispatched) return caseId;
        await act(dispatched, 'dispatch', { leadOrgId: lead.id, assistOrgIds: [] });
        if (!signed) return caseId;
        await act(signed, 'sign', {});
        if (!replied) return caseId;
        await act(replied, 'reply', { result: v['办理结果'] || '已解决', content: v['答复内容'] && v['答复内容'].length >= 10 ? v['答复内容'] : `（历史导入）${v['答复内容'] || '已按原系统记录答复诉求人'}`, contactMethod: '电话' });
        await act(replied, 'feedback', { summary: '历史导入：原系统已反馈' });
        if (!called) return caseId;
        const reached = Boolean(v['满意度']);
        await act(called, 'callback', { reached, ...(reached ? { satisfaction: v['满意度'], resolved: v['是否解决'] !== '否' } : {}) });
        if (closed) await act(closed, 'close', { note: '历史导入：原系统已办结' });
        return caseId;
      })));
      created.push(id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const fe = (e.extra?.errors as { path: string; message: string }[] | undefined) ?? [];
      if (fe.length) for (const f of fe) { const k = f.path.replace(/^body\.input\./, ''); bad(FIELD_COLUMN[k] ?? k, f.message); } else bad('', e.detail ?? e.message);
    }
  }
  return { imported: created.length, rejected: new Set(errors.map((e) => e.row)).size, errors };
}
