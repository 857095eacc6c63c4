/**
 * 权责清单 store: items, the list as of a date (from the approved adjustments; adjustments.ts runs their workflow) and
 * the difference between two dates, and the XLSX layout shared by import and export.
 */
import { z } from 'zod';
import { sql, type RawBuilder } from 'kysely';
import { isLegalDate, legalDateOf, zId } from '@yifa/contracts';
import type { Conn } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';

/** The ten standard power types (DOMAIN.md §10, 中办发〔2015〕21号 practice) plus 公共服务 items. */
export const POWER_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力'] as const;
export const ITEM_TYPES = [...POWER_TYPES, '公共服务'] as const;
export const LEVEL_LABEL = { county: '县级', township: '乡镇（街道）' } as const;

const zUuid = zId('请选择机构');
export const zItem = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,40}$/, '职权编码为 2–40 位字母、数字、_ . -'),
  name: z.string().trim().min(2, '请填写职权名称（至少 2 个字）').max(200, '最多 200 个字'),
  type: z.enum(ITEM_TYPES, '请选择职权类型'),
  orgId: zUuid,
  basisLaw: z.string().trim().min(2, '请填写实施依据（法律法规名称）').max(500),
  basisArticle: z.string().trim().max(500).default(''),
  duties: z.array(z.string().trim().min(1).max(200)).min(1, '请至少填写一项责任事项').max(30),
  level: z.enum(['county', 'township'], '请选择层级'),
  townshipKind: z.enum(['法定', '赋予']).nullish(),
  delegable: z.boolean().default(false),
}).superRefine((v, c) => {
  if (v.level === 'township' && !v.townshipKind) c.addIssue({ code: 'custom', path: ['townshipKind'], message: '乡镇职权须注明法定或赋予' });
  if (v.level === 'county' && v.townshipKind) c.addIssue({ code: 'custom', path: ['townshipKind'], message: '县级职权不填写乡镇类别' });
});
export type ItemInput = z.infer<typeof zItem>;

export interface Snapshot extends ItemInput {
  id?: string;
  status: 'active' | 'suspended' | 'abolished';
  delegatedOn: string | null;
  delegatedUntil: string | null;
  delegatedTo: string[];
  version: number;
}

type ItemRow = Awaited<ReturnType<typeof loadItem>>;
export async function loadItem(conn: Conn, id: string) {
  return conn.selectFrom('powersItems').selectAll().where('id', '=', id).executeTakeFirst();
}

export function snapshotOf(r: NonNullable<ItemRow>): Snapshot {
  return {
    id: r.id, code: r.code, name: r.name, type: r.type as Snapshot['type'], orgId: r.orgId, basisLaw: r.basisLaw, basisArticle: r.basisArticle,
    duties: r.duties, level: r.level, townshipKind: r.townshipKind, delegable: r.delegable, status: r.status,
    delegatedOn: r.delegatedOn ? String(r.delegatedOn) : null, delegatedUntil: r.delegatedUntil ? String(r.delegatedUntil) : null,
    delegatedTo: r.delegatedTo, version: r.version,
  };
}

const who = (a: Actor) => ({ id: a.userId, name: a.name, ip: a.ip });

export function itemFields(s: Snapshot, now: Date) {
  return {
    orgId: s.orgId, code: s.code, name: s.name, type: s.type, basisLaw: s.basisLaw, basisArticle: s.basisArticle ?? '',
    duties: JSON.stringify(s.duties), level: s.level, townshipKind: s.level === 'township' ? (s.townshipKind ?? null) : null, status: s.status,
    delegable: s.delegable ?? false, delegatedOn: s.delegatedOn, delegatedUntil: s.delegatedUntil, delegatedTo: JSON.stringify(s.delegatedTo ?? []),
    version: s.version, updatedAt: now,
  };
}

/**
 * The one rule of "the 权责清单 as of a date", as a derived table (item_id, region_code, after): for each item,
 * the latest approved adjustment effective on or before it. The list, the diff and the metrics
 * (catalogue.ts itemsAsOfTable) all read it.
 */
export function latestAdjustmentsAsOf(region: string, on: string): RawBuilder<unknown> {
  return sql`(
    select distinct on (a.item_id) a.item_id, a.region_code, a.after from powers_adjustments a
    where a.region_code = ${region} and a.status = 'approved' and a.effective_on <= ${on}::date and a.item_id is not null
    order by a.item_id, a.effective_on desc, a.decided_at desc
  )`;
}

/** The list as it stood on a date (abolished items left out). */
export async function listAsOf(conn: Conn, region: string, on: string): Promise<Snapshot[]> {
  const rows = await sql<{ after: Snapshot | null; itemId: string }>`select l.item_id, l.after from ${latestAdjustmentsAsOf(region, on)} l`.execute(conn);
  return rows.rows.map((r) => ({ ...(r.after as Snapshot), id: r.itemId }))
    .filter((s) => s.status !== 'abolished')
    .map((s) => ({ ...s, delegatedTo: s.delegatedOn && s.delegatedOn <= on && (!s.delegatedUntil || s.delegatedUntil > on) ? s.delegatedTo : [] }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

const DIFF_FIELDS = ['name', 'type', 'orgId', 'basisLaw', 'basisArticle', 'duties', 'level', 'townshipKind', 'status', 'delegable', 'delegatedTo'] as const;

export async function diffBetween(conn: Conn, region: string, from: string, to: string) {
  const a = new Map((await listAsOf(conn, region, from)).map((s) => [s.id!, s]));
  const b = new Map((await listAsOf(conn, region, to)).map((s) => [s.id!, s]));
  const added = [...b.values()].filter((s) => !a.has(s.id!));
  const removed = [...a.values()].filter((s) => !b.has(s.id!));
  const changed: { id: string; code: string; name: string; fields: { field: string; from: unknown; to: unknown }[] }[] = [];
  for (const [id, s] of b) {
    const old = a.get(id);
    if (!old) continue;
    const fields = DIFF_FIELDS.filter((f) => JSON.stringify(old[f] ?? null) !== JSON.stringify(s[f] ?? null)).map((f) => ({ field: f, from: old[f] ?? null, to: s[f] ?? null }));
    if (fields.length) changed.push({ id, code: s.code, name: s.name, fields });
  }
  return { from, to, added, removed, changed };
}

// ─────────────── XLSX layout (import and export use the same columns) ───────────────
export const XLSX_COLUMNS = ['职权编码', '职权名称', '职权类型', '实施主体编码', '实施依据', '依据条款', '责任事项', '层级', '乡镇类别', '可下放', '下放日期', '下放乡镇编码', '生效日期'] as const;

export interface ImportReport { total: number; imported: number; rejected: { row: number; errors: { column: string; message: string }[] }[] }

/**
 * Import rows of the documented layout. Each good row becomes an item and an approved 'import'
 * adjustment (effective on 生效日期, default today); bad rows are reported with every bad column.
 * Rows are written in multi-row batches inside one transaction.
 */
export async function importItems(ctx: Ctx, rows: { row: number; values: Record<string, string> }[], actor: Actor, region: string, progress?: (done: number, total: number) => void): Promise<ImportReport> {
  const today = legalDateOf(ctx.clock.now());
  const now = ctx.clock.now();
  const rejected: ImportReport['rejected'] = [];
  let imported = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const orgs = await trx.selectFrom('orgs').select(['id', 'code', 'kind']).where('regionCode', '=', region).where('dissolvedOn', 'is', null).execute();
    const orgByCode = new Map(orgs.map((o) => [o.code, o]));
    const existing = new Set((await trx.selectFrom('powersItems').select('code').where('regionCode', '=', region).execute()).map((r) => r.code));
    const good: { s: Snapshot; effectiveOn: string }[] = [];
    for (const { row, values } of rows) {
      const v = (k: string) => (values[k] ?? '').trim();
      const errors: { column: string; message: string }[] = [];
      const code = v('职权编码');
      if (!/^[A-Za-z0-9_.-]{2,40}$/.test(code)) errors.push({ column: '职权编码', message: '应为 2–40 位字母、数字、_ . -' });
      else if (existing.has(code)) errors.push({ column: '职权编码', message: '编码已存在' });
      const name = v('职权名称');
      if (name.length < 2 || name.length > 200) errors.push({ column: '职权名称', message: '应为 2–200 个字' });
      const type = v('职权类型');
      if (!(ITEM_TYPES as readonly string[]).includes(type)) errors.push({ column: '职权类型', message: `应为 ${ITEM_TYPES.join('/')} 之一` });
      const org = orgByCode.get(v('实施主体编码'));
      if (!org) errors.push({ column: '实施主体编码', message: '找不到该机构编码' });
      const basisLaw = v('实施依据');
      if (basisLaw.length < 2) errors.push({ column: '实施依据', message: '必填' });
      const duties = v('责任事项').split(/[；;、\n]/).map((x) => x.trim()).filter(Boolean);
      if (duties.length === 0) errors.push({ column: '责任事项', message: '至少一项（用"；"分隔）' });
      const levelLabel = v('层级');
      const level = levelLabel === '县级' ? 'county' : levelLabel === '乡镇' || levelLabel === '乡镇（街道）' ? 'township' : null;
      if (!level) errors.push({ column: '层级', message: '应为 县级 或 乡镇' });
      const tk = v('乡镇类别');
      if (level === 'township' && tk !== '法定' && tk !== '赋予') errors.push({ column: '乡镇类别', message: '乡镇职权应为 法定 或 赋予' });
      if (level === 'county' && tk) errors.push({ column: '乡镇类别', message: '县级职权不填' });
      const dl = v('可下放');
      if (dl && dl !== '是' && dl !== '否') errors.push({ column: '可下放', message: '应为 是 或 否' });
      const delegatedOn = v('下放日期') || null;
      if (delegatedOn && !isLegalDate(delegatedOn)) errors.push({ column: '下放日期', message: '应为 YYYY-MM-DD' });
      const townCodes = v('下放乡镇编码').split(/[,，;；\s]+/).filter(Boolean);
      const towns = townCodes.map((c) => orgByCode.get(c));
      if (towns.some((t) => !t || t.kind !== 'township')) errors.push({ column: '下放乡镇编码', message: '应为本县乡镇（街道）的机构编码' });
      if ((delegatedOn === null) !== (townCodes.length === 0)) errors.push({ column: delegatedOn ? '下放乡镇编码' : '下放日期', message: '下放日期与下放乡镇须同时填写' });
      if (delegatedOn && level === 'township') errors.push({ column: '下放日期', message: '乡镇职权不能再下放' });
      const effectiveOn = v('生效日期') || today;
      if (!isLegalDate(effectiveOn)) errors.push({ column: '生效日期', message: '应为 YYYY-MM-DD' });
      if (errors.length) { rejected.push({ row, errors }); continue; }
      existing.add(code);
      good.push({
        effectiveOn,
        s: {
          code, name, type: type as Snapshot['type'], orgId: org!.id, basisLaw, basisArticle: v('依据条款'), duties, level: level!,
          townshipKind: level === 'township' ? (tk as '法定' | '赋予') : null, delegable: dl === '是' || delegatedOn !== null, status: 'active',
          delegatedOn, delegatedUntil: null, delegatedTo: towns.map((t) => t!.id), version: 1,
        },
      });
    }
    const BATCH = 500;
    for (let i = 0; i < good.length; i += BATCH) {
      const part = good.slice(i, i + BATCH);
      const ids = await trx.insertInto('powersItems').values(part.map((g) => ({ regionCode: region, ...itemFields(g.s, now) }))).returning(['id', 'code']).execute();
      const idByCode = new Map(ids.map((r) => [r.code, r.id]));
      await trx.insertInto('powersAdjustments').values(part.map((g) => {
        const id = idByCode.get(g.s.code)!;
        return {
          regionCode: region, orgId: g.s.orgId, itemId: id, kind: 'import' as const, effectiveOn: g.effectiveOn, reason: '权责清单导入',
          documentNo: null, before: null, after: JSON.stringify({ ...g.s, id }), status: 'approved' as const, proposedBy: actor.userId, proposedByName: actor.name,
          proposedAt: now, decidedBy: actor.userId, decidedByName: actor.name, decidedAt: now, decisionNote: '导入即生效',
        };
      })).execute();
      imported += part.length;
      progress?.(imported + rejected.length, rows.length);
    }
    await appendAuditInTrx(trx, who(actor), { action: 'powers.import', targetType: 'region', targetId: region, detail: { total: rows.length, imported, rejected: rejected.length } }, now, region);
  });
  progress?.(rows.length, rows.length);
  return { total: rows.length, imported, rejected };
}

/** Rows for export in the import layout. */
export async function exportRows(conn: Conn, region: string, on: string | null): Promise<Record<string, string>[]> {
  const items = on ? await listAsOf(conn, region, on) : (await conn.selectFrom('powersItems').selectAll().where('regionCode', '=', region).where('status', '!=', 'abolished').orderBy('code').execute()).map(snapshotOf);
  const orgs = new Map((await conn.selectFrom('orgs').select(['id', 'code']).where('regionCode', '=', region).execute()).map((o) => [o.id, o.code]));
  return items.map((s) => ({
    职权编码: s.code, 职权名称: s.name, 职权类型: s.type, 实施主体编码: orgs.get(s.orgId) ?? '', 实施依据: s.basisLaw, 依据条款: s.basisArticle ?? '',
    责任事项: s.duties.join('；'), 层级: s.level === 'county' ? '县级' : '乡镇', 乡镇类别: s.townshipKind ?? '', 可下放: s.delegable ? '是' : '否',
    下放日期: s.delegatedTo.length ? (s.delegatedOn ?? '') : '', 下放乡镇编码: s.delegatedTo.map((t) => orgs.get(t) ?? '').join(','), 生效日期: '',
  }));
}

// ─────────────── Read API for other modules (行政执法 reads the list only through these) ───────────────
/** A listed power as another module sees it on a date; `delegatedFrom`: the org it was delegated (下放) from, when held by delegation. */
export interface ListedPower {
  id: string; code: string; name: string; type: string; orgId: string; basisLaw: string; basisArticle: string; level: 'county' | 'township';
  delegatedFrom: string | null;
}
const listed = (s: Snapshot, holder: string): ListedPower => ({
  id: s.id!, code: s.code, name: s.name, type: s.type, orgId: holder, basisLaw: s.basisLaw, basisArticle: s.basisArticle ?? '', level: s.level,
  delegatedFrom: holder === s.orgId ? null : s.orgId,
});

/**
 * The active items of the given types on a date (the 权责清单 as it stood then, `listAsOf`), each under the org that exercises it: its
 * own org and, while delegated (下放), each township it is delegated to. `orgIds` narrows to those holders.
 */
export async function activeItemsOn(
  conn: Conn, region: string, on: string, opts: { types: readonly string[]; orgIds?: readonly string[] },
): Promise<ListedPower[]> {
  const wanted = opts.orgIds ? new Set(opts.orgIds) : null;
  return (await listAsOf(conn, region, on)).filter((s) => s.status === 'active' && opts.types.includes(s.type))
    .flatMap((s) => [s.orgId, ...s.delegatedTo].map((holder) => listed(s, holder)))
    .filter((p) => !wanted || wanted.has(p.orgId));
}

/** One item if it was active and of one of the types on the date (null: not listed then, not active, or another type). */
export async function activeItemOn(conn: Conn, region: string, id: string, on: string, types: readonly string[]): Promise<ListedPower | null> {
  const r = await sql<{ after: Snapshot | null }>`select l.after from ${latestAdjustmentsAsOf(region, on)} l where l.item_id = ${id}::uuid`.execute(conn);
  const s = r.rows[0]?.after;
  return s && s.status === 'active' && types.includes(s.type) ? listed({ ...s, id }, s.orgId) : null;
}

/** Code and name of some items as they now stand (labels for another module's rows that refer to items). */
export async function itemLabels(conn: Conn, ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await conn.selectFrom('powersItems').select(['id', 'code', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/** Ids of some items of a region by their 职权编码 (demo seeds of other modules refer to items by code). */
export async function itemIdsByCode(conn: Conn, region: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await conn.selectFrom('powersItems').select(['id', 'code']).where('regionCode', '=', region).where('code', 'in', [...codes]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
