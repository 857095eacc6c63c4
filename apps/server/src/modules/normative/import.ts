/**
 * Import of an existing registry of 规范性文件 (the county's 登记簿 kept before yifa), from XLSX or CSV. Each good row becomes a
 * normative_document case adopted in its state (adoptCaseInTrx: dated when it was registered, by the module's system actor)
 * with its registry row; a bad row is reported per row and column and nothing of it is written. The 登记号 counter of a
 * year is moved past the imported numbers of the county's pattern, so a number is never given twice.
 */
import { sql } from 'kysely';
import { beijingTime, isLegalDate } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import type { TabularRow } from '../../platform/io/tabular.ts';
import { AppError } from '../../platform/http/problem.ts';
import { assertCan } from '../../platform/authz.ts';
import { adoptCaseInTrx } from '../../platform/cases/engine.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { NORMATIVE_TYPE } from './workflow.ts';
import { normativeSettings } from './settings.ts';
import { projectInTrx } from './projection.ts';
import { REG_COUNTER } from './registry-no.ts';

export const IMPORT_COLUMNS = [
  { name: '统一登记号', required: true }, { name: '发文字号', required: true }, { name: '文件名称', required: true }, { name: '制定机关', required: true },
  { name: '公文种类', required: true }, { name: '管理事项类别', required: true }, { name: '公布日期', required: true }, { name: '施行日期', required: true },
  { name: '有效期至', required: false }, { name: '状态', required: true }, { name: '废止或失效日期', required: false }, { name: '正文', required: false },
] as const;

const STATE_OF: Record<string, string> = { 现行有效: 'in_force', 已修改: 'amended', 已废止: 'repealed', 已失效: 'expired' };
const REG_RE = /^(.+)—(\d{4})—([1-9]\d*)$/;
const DOCNO_RE = /^.+〔\d{4}〕[1-9]\d*号$/;

export async function importRegistry(ctx: Ctx, importer: Actor, headers: string[], rows: TabularRow[]) {
  assertCan(importer, 'normative.manage', {}, '只有司法局审核人员或管理员可以导入规范性文件登记簿');
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !headers.includes(c.name));
  if (missing.length) throw new AppError('validation_failed', `缺少列：${missing.map((c) => c.name).join('、')}`, { errors: missing.map((c) => ({ path: `file.columns.${c.name}`, message: '缺少该列' })) });
  const region = ctx.config.defaultRegion;
  const s = await normativeSettings(ctx.db, region);
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'name']).where('regionCode', '=', region).where('dissolvedOn', 'is', null).execute();
  const existing = new Set((await ctx.db.selectFrom('normativeDocs').select('regNo').where('regionCode', '=', region).where('regNo', 'is not', null).execute()).map((r) => r.regNo));
  const errors: { row: number; column: string; message: string }[] = [];
  const created: string[] = [];
  const system = ctx.registry.systemActor('normative', '导入登记簿');
  for (const { row, values: v } of rows) {
    const bad = (column: string, message: string) => errors.push({ row, column, message });
    const before = errors.length;
    for (const c of IMPORT_COLUMNS) if (c.required && !v[c.name]) bad(c.name, '必填');
    const reg = REG_RE.exec(v['统一登记号'] ?? '');
    if (v['统一登记号'] && !reg) bad('统一登记号', '格式应如 SXGS—2026—3（前缀—年度—序号，用长破折号"—"）');
    else if (v['统一登记号'] && existing.has(v['统一登记号'])) bad('统一登记号', '该登记号已存在，登记号不得重复使用');
    if (v['发文字号'] && !DOCNO_RE.test(v['发文字号'])) bad('发文字号', '格式应如 示市监规〔2026〕1号');
    const org = orgs.find((o) => o.name === v['制定机关']);
    if (v['制定机关'] && !org) bad('制定机关', '没有该机构');
    else if (org && !s.issuers.includes(org.id)) bad('制定机关', '不在本县规范性文件制定主体清单内');
    if (v['公文种类'] && !(s.docKinds as readonly string[]).includes(v['公文种类'])) bad('公文种类', `应为：${s.docKinds.join('、')}`);
    if (v['管理事项类别'] && !s.categories.includes(v['管理事项类别'])) bad('管理事项类别', `应为：${s.categories.join('、')}`);
    for (const col of ['公布日期', '施行日期', '有效期至', '废止或失效日期']) if (v[col] && !isLegalDate(v[col])) bad(col, '日期格式应为 YYYY-MM-DD');
    const state = STATE_OF[v['状态'] ?? ''];
    if (v['状态'] && !state) bad('状态', '应为 现行有效 / 已修改 / 已废止 / 已失效');
    if (state && state !== 'in_force' && !v['废止或失效日期']) bad('废止或失效日期', '已修改、已废止、已失效的文件须填写该日期');
    if (v['有效期至'] && v['施行日期'] && v['有效期至'] < v['施行日期']) bad('有效期至', '不能早于施行日期');
    if (reg && v['公布日期'] && isLegalDate(v['公布日期']) && reg[2] !== v['公布日期'].slice(0, 4)) bad('统一登记号', '登记号的年度应与公布年度一致');
    if (errors.length > before || !reg || !org || !state) continue;
    const regNo = v['统一登记号'];
    existing.add(regNo);
    const year = Number(reg[2]);
    const id = await ctx.db.transaction().execute(async (trx) => {
      const data = {
        title: v['文件名称'], issuerOrgId: org.id, docKind: v['公文种类'], category: v['管理事项类别'], regNo, regYear: year, registeredOn: v['公布日期'],
        docNo: v['发文字号'], issuedOn: v['公布日期'], publishedOn: v['公布日期'], effectiveOn: v['施行日期'], validUntil: v['有效期至'] || null,
        endedOn: v['废止或失效日期'] || null, text: v['正文'] || '', explanation: '', bases: [], versionNo: 1, imported: true,
      };
      const { caseId } = await adoptCaseInTrx(ctx, trx, NORMATIVE_TYPE, {
        orgId: org.id, title: v['文件名称'], data, state, at: beijingTime(v['公布日期'], 9), actor: system, record: { table: 'import', id: regNo },
      });
      await projectInTrx(trx, caseId, ctx.clock.now());
      if (reg[1] === s.regNoPrefix) {
        await trx.insertInto('caseCounters').values({ prefix: REG_COUNTER, regionCode: region, year, last: Number(reg[3]) })
          .onConflict((oc) => oc.columns(['prefix', 'regionCode', 'year']).doUpdateSet({ last: sql`greatest(case_counters.last, ${Number(reg[3])})` })).execute();
      }
      return caseId;
    });
    created.push(id);
  }
  await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, { id: importer.userId, name: importer.name, ip: importer.ip }, {
    action: 'normative.import', targetType: 'region', targetId: region, detail: { imported: created.length, rejected: new Set(errors.map((e) => e.row)).size },
  }, ctx.clock.now(), region));
  return { imported: created.length, rejected: new Set(errors.map((e) => e.row)).size, errors };
}
