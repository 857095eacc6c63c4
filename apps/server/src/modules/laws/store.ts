/**
 * 法律法规目录: the catalogue's rows, their status on a date, and the citations of them by any case (law_citations).
 * A law's status is read from its dates (no date arithmetic, only comparisons of legal dates): 尚未施行 before 施行,
 * 已废止 from 废止, 已修改 from its first 修改/修订, else 现行有效. When a law gets a new 修改 or 废止 date, every citation
 * whose document took effect before that date is flagged for 清理 in the same transaction (flagCitationsInTrx).
 */
import { sql, type Expression } from 'kysely';
import { isLegalDate, type LegalDate } from '@yifa/contracts';
import type { Conn, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/problem.ts';
import { notifyInTrx } from '../../platform/notifications/outbox.ts';
import { indexTokens, queryTokens } from '../../platform/publication/tokens.ts';

export const LAW_LEVELS = ['宪法', '法律', '行政法规', '监察法规', '地方性法规', '自治条例和单行条例', '部门规章', '地方政府规章', '司法解释', '其他'] as const;
export type LawLevel = (typeof LAW_LEVELS)[number];
export const LAW_STATUSES = ['尚未施行', '现行有效', '已修改', '已废止'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];
export const FLAG_REASONS = { amended: '法律依据已修改', repealed: '法律依据已废止' } as const;
export type FlagReason = (typeof FLAG_REASONS)[keyof typeof FLAG_REASONS];

/** The dates that decide a law's status. */
export interface LawDates { promulgatedOn: LegalDate; effectiveOn: LegalDate; amendedOn: LegalDate[]; repealedOn: LegalDate | null }
export interface LawFields extends LawDates { title: string; issuer: string; level: LawLevel; docNo: string; note: string }

/** The status of a law on a date (legal dates compare as strings). */
export function lawStatusOn(l: LawDates, on: LegalDate): LawStatus {
  if (l.repealedOn !== null && l.repealedOn <= on) return '已废止';
  if (l.effectiveOn > on) return '尚未施行';
  return l.amendedOn.some((a) => a <= on) ? '已修改' : '现行有效';
}

/** The same status in SQL over a `laws` alias (for filters), on a legal date. */
export function statusSql(alias: string, on: LegalDate) {
  const a = sql.raw(alias);
  return sql<LawStatus>`case when ${a}.repealed_on is not null and ${a}.repealed_on <= ${on}::date then '已废止'
    when ${a}.effective_on > ${on}::date then '尚未施行'
    when exists (select 1 from jsonb_array_elements_text(${a}.amended_on) am(d) where am.d::date <= ${on}::date) then '已修改'
    else '现行有效' end`;
}

/** Problems of a law's fields that no schema can see alone: the order of its dates. Paths are field names. */
export function dateProblems(l: LawDates): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (l.effectiveOn < l.promulgatedOn) out.push({ path: 'effectiveOn', message: '施行日期不能早于公布日期' });
  l.amendedOn.forEach((a, i) => {
    if (a < l.promulgatedOn) out.push({ path: `amendedOn.${i}`, message: '修改日期不能早于公布日期' });
    if (l.repealedOn !== null && a > l.repealedOn) out.push({ path: `amendedOn.${i}`, message: '修改日期不能晚于废止日期' });
  });
  if (new Set(l.amendedOn).size !== l.amendedOn.length) out.push({ path: 'amendedOn', message: '修改日期重复' });
  if (l.repealedOn !== null && l.repealedOn < l.promulgatedOn) out.push({ path: 'repealedOn', message: '废止日期不能早于公布日期' });
  return out;
}

/** The changes that flag citations: amendment dates not there before, and a repeal date new or moved. */
export function newChanges(before: LawDates | null, after: LawDates): { on: LegalDate; reason: FlagReason }[] {
  if (!before) return [];
  const out: { on: LegalDate; reason: FlagReason }[] = after.amendedOn.filter((d) => !before.amendedOn.includes(d)).map((on) => ({ on,
    reason: FLAG_REASONS.amended }));
  if (after.repealedOn !== null && after.repealedOn !== before.repealedOn) out.push({ on: after.repealedOn, reason: FLAG_REASONS.repealed });
  return out;
}

export const lawTokens = (l: { title: string; issuer: string; docNo: string }) => indexTokens(l.title, l.issuer, l.docNo);

/** The row values of a law (amendment dates sorted, tokens for search). */
export function lawRow(l: LawFields, now: Date) {
  return {
    title: l.title, issuer: l.issuer, level: l.level, docNo: l.docNo, note: l.note, promulgatedOn: l.promulgatedOn, effectiveOn: l.effectiveOn,
    amendedOn: JSON.stringify([...l.amendedOn].sort()), repealedOn: l.repealedOn, tokens: lawTokens(l), updatedAt: now,
  };
}

/** A stored row as fields (jsonb amendment dates as an array of strings). */
export function fieldsOf(r: { title: string; issuer: string; level: string; docNo: string; note: string; promulgatedOn: string; effectiveOn: string;
  amendedOn: unknown; repealedOn: string | null }): LawFields {
  const am = typeof r.amendedOn === 'string' ? JSON.parse(r.amendedOn) as string[] : (r.amendedOn as string[] | null) ?? [];
  return { title: r.title, issuer: r.issuer, level: r.level as LawLevel, docNo: r.docNo, note: r.note, promulgatedOn: String(r.promulgatedOn),
    effectiveOn: String(r.effectiveOn), amendedOn: am.map(String), repealedOn: r.repealedOn === null ? null : String(r.repealedOn) };
}

/**
 * Flag, in the caller's transaction, every citation of the law whose document took effect before `on` (an amendment or
 * repeal date). A citation already flagged, still open, for this change or a later one keeps its flag; a resolved one is
 * flagged again (the new change needs a new look). Returns how many were flagged.
 */
export async function flagCitationsInTrx(trx: Tx, lawId: string, on: LegalDate, reason: FlagReason, now: Date): Promise<number> {
  const flagged = await trx.updateTable('lawCitations')
    .set({ flaggedAt: now, flagReason: reason, flagChangeOn: on, resolvedAt: null, resolvedByName: null, resolution: null })
    .where('lawId', '=', lawId).where('effectiveOn', '<', on)
    .where((w) => w.or([
      w('flaggedAt', 'is', null), w('resolvedAt', 'is not', null), w('flagChangeOn', '<', on),
      ...(reason === FLAG_REASONS.repealed ? [w('flagReason', '=', FLAG_REASONS.amended)] : []),
    ]))
    .returning('caseId').execute();
  // the org that holds each flagged document is told (its console's notices), once per document and change
  const cases = [...new Set(flagged.map((f) => f.caseId))];
  if (cases.length) {
    const law = await trx.selectFrom('laws').select('title').where('id', '=', lawId).executeTakeFirstOrThrow();
    const rows = await trx.selectFrom('cases').select(['id', 'orgId', 'number', 'title']).where('id', 'in', cases).execute();
    for (const c of rows) {
      await notifyInTrx(trx, {
        orgId: c.orgId, caseId: c.id, title: `依据变化待清理 ${c.number}`, body: `${c.title}：所引《${law.title}》${reason === FLAG_REASONS.repealed ? '已于' : '于'}${on}${
          reason === FLAG_REASONS.repealed ? '废止' : '修改'}`, dedupeKey: `law-flag:${c.id}:${lawId}:${on}:${reason}`, at: now,
      });
    }
  }
  return flagged.length;
}

export interface Basis { lawId: string; article?: string }

/**
 * Record the bases a case's document cites (any module: the case id is the citing document), in the caller's transaction.
 * Each law must be in the catalogue of the case's county and not repealed when the document takes effect (`effectiveOn`,
 * null = not yet in force). A basis already amended or repealed after `effectiveOn` (a document imported late) is flagged
 * at once. Citations of the case not in `bases` are dropped unless they carry a flag (the 清理 record stays).
 * Errors name `body.input.bases.N.lawId`.
 */
export async function recordCitationsInTrx(trx: Tx, caseId: string, bases: Basis[], effectiveOn: string | null, now: Date = new Date()): Promise<void> {
  const c = await trx.selectFrom('cases').select('regionCode').where('id', '=', caseId).executeTakeFirst();
  if (!c) throw new AppError('not_found', '找不到引用依据的案件');
  if (effectiveOn !== null && !isLegalDate(effectiveOn)) {
    throw new AppError('validation_failed', '文件施行日期无效', { errors: [{ path: 'body.input.effectiveOn', message: '日期格式应为 YYYY-MM-DD' }] });
  }
  const ids = [...new Set(bases.map((b) => b.lawId))];
  const laws = ids.length ? await trx.selectFrom('laws').selectAll().where('regionCode', '=', c.regionCode).where('id', 'in', ids).execute() : [];
  const byId = new Map(laws.map((l) => [l.id, { ...fieldsOf(l), id: l.id }]));
  const errors: { path: string; message: string }[] = [];
  bases.forEach((b, i) => {
    const l = byId.get(b.lawId);
    if (!l) errors.push({ path: `body.input.bases.${i}.lawId`, message: '法律法规目录中没有该依据' });
    else if (effectiveOn !== null && l.repealedOn !== null && l.repealedOn <= effectiveOn) {
      errors.push({ path: `body.input.bases.${i}.lawId`, message: `《${l.title}》已于 ${l.repealedOn} 废止，不能作为依据` });
    }
  });
  if (errors.length) throw new AppError('validation_failed', `依据有误：${errors.map((e) => e.message).join('；')}`, { errors });
  const keep = bases.map((b) => ({ lawId: b.lawId, article: (b.article ?? '').trim() }));
  const keyOf = (k: { lawId: string; article: string }) => `${k.lawId}|${k.article}`;
  const existing = await trx.selectFrom('lawCitations').select(['id', 'lawId', 'article', 'flaggedAt']).where('caseId', '=', caseId).execute();
  const wanted = new Set(keep.map(keyOf));
  const drop = existing.filter((e) => !wanted.has(keyOf(e)) && e.flaggedAt === null).map((e) => e.id);
  if (drop.length) await trx.deleteFrom('lawCitations').where('id', 'in', drop).execute();
  for (const k of keep) {
    const l = byId.get(k.lawId)!;
    // a change after the document took effect, already known: the latest one raises the flag at once
    const changes = [...l.amendedOn.map((on) => ({ on, reason: FLAG_REASONS.amended as FlagReason })),
      ...(l.repealedOn ? [{ on: l.repealedOn, reason: FLAG_REASONS.repealed as FlagReason }] : [])]
      .filter((x) => effectiveOn !== null && x.on > effectiveOn).sort((a, b) => (a.on < b.on ? -1 : 1));
    const flag = changes.at(-1);
    await trx.insertInto('lawCitations').values({
      regionCode: c.regionCode, lawId: k.lawId, caseId, article: k.article, effectiveOn, citedAt: now,
      flaggedAt: flag ? now : null, flagReason: flag?.reason ?? null, flagChangeOn: flag?.on ?? null,
    }).onConflict((oc) => oc.columns(['caseId', 'lawId', 'article']).doUpdateSet({ effectiveOn })).execute();
  }
}

/** The status of each law on a date (the 审核 screen shows each cited basis on the draft's date). Unknown ids are left out. */
export async function basisStatusOn(conn: Conn, lawIds: string[], date: LegalDate): Promise<{ lawId: string; title: string; status: LawStatus }[]> {
  if (!lawIds.length) return [];
  const rows = await conn.selectFrom('laws').selectAll().where('id', 'in', [...new Set(lawIds)]).execute();
  return rows.map((r) => ({ lawId: r.id, title: r.title, status: lawStatusOn(fieldsOf(r), date) }));
}

export interface LawQuery { q?: string; level?: LawLevel; status?: LawStatus; on: LegalDate; limit: number; offset: number }

/** The catalogue searched (jieba tokens: two-character words found), filtered by level and by status on a date, newest first. */
export async function listLaws(conn: Conn, region: string, q: LawQuery) {
  const tokens = q.q ? queryTokens(q.q) : [];
  let b = conn.selectFrom('laws as l').where('l.regionCode', '=', region);
  if (tokens.length) b = b.where(sql<boolean>`l.tokens @> ${sql.val(tokens)}::text[]`);
  if (q.level) b = b.where('l.level', '=', q.level);
  if (q.status) b = b.where(sql<boolean>`${statusSql('l', q.on)} = ${q.status}`);
  const total = (await b.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  const rows = await b.selectAll('l')
    .select(sql<number>`(select count(*)::int from law_citations c
      where c.law_id = l.id and c.flagged_at is not null and c.resolved_at is null)`.as('openFlags'))
    .orderBy('l.promulgatedOn', 'desc').orderBy('l.title').limit(q.limit).offset(q.offset).execute();
  return {
    total, on: q.on, tokens,
    items: rows.map((r) => {
      const f = fieldsOf(r);
      return { id: r.id, ...f, version: r.version, status: lawStatusOn(f, q.on), openFlags: r.openFlags };
    }),
  };
}

/**
 * For another module's list (the 规范性文件 登记簿): the reasons its document is flagged for 清理 and not yet dealt with
 * ('法律依据已废止'…, joined by 、), or null — an expression over the list's own case id column.
 */
export function openFlagReasons(caseId: Expression<string>) {
  return sql<string | null>`(select string_agg(distinct lc.flag_reason, '、') from law_citations lc where lc.case_id = ${caseId}
    and lc.flagged_at is not null and lc.resolved_at is null)`;
}
