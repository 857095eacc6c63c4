/**
 * The publication service: how any module puts information into the 政府信息公开目录 (the
 * disclosure module's catalogue, table disclosure_items) in its own transaction, and takes it
 * out again. Idempotent per (region, sourceModule, sourceRef): publishing the same source again
 * revises the item (a new version) instead of creating a second one.
 *
 *   await publishInTrx(ctx, trx, { regionCode, orgId, sourceModule: 'normative-docs', sourceRef: docId,
 *     category: 'art20_1_normative', title, summary, docNo, formedOn, actor });
 *   await withdrawInTrx(ctx, trx, { regionCode, sourceModule, sourceRef, reason, actor });
 *   await abolishInTrx(ctx, trx, { regionCode, sourceModule, sourceRef, abolishedOn, actor });   // 规章/规范性文件 废止
 *
 * Publication is due within 20 working days of the information being formed or changed
 * (《政府信息公开条例》第二十六条): the due date comes from the ledger (rule disclosure.publish) and an
 * item published after it is flagged `late`.
 */
import { computeClock, legalDateOf, startOfLegalDate, type ClockRule } from '@yifa/contracts';
import { sql } from 'kysely';
import type { Conn, Tx } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import { resolveRule } from '../time/ledger-store.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { AppError } from '../http/problem.ts';
import { indexTokens } from './tokens.ts';

/** The period for 主动公开 (the key keeps its historical name: disclosure items were the first to use it). */
export const PUBLICATION_RULES: ClockRule[] = [
  {
    key: 'disclosure.publish', label: '主动公开期限', unit: 'workdays', length: 20, yellowWithin: 5, sourced: true, configurable: false,
    basis: '《政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开',
    effectiveFrom: '2019-05-15',
  },
];

export interface PublicationActor { userId: string | null; name: string }

/** Categories of the catalogue: 条例第二十条 items, 第二十一条 (county) items; modules may add custom ones ('custom:…'). */
export const PUBLICATION_CATEGORIES: Record<string, string> = {
  art20_1_rule: '第二十条第（一）项 规章',
  art20_1_normative: '第二十条第（一）项 行政规范性文件',
  art20_2: '第二十条第（二）项 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  art20_3: '第二十条第（三）项 国民经济和社会发展规划、专项规划、区域规划及相关政策',
  art20_4: '第二十条第（四）项 国民经济和社会发展统计信息',
  art20_5_license: '第二十条第（五）项 行政许可',
  art20_6_penalty: '第二十条第（六）项 行政处罚',
  art20_6_coercion: '第二十条第（六）项 行政强制',
  art20_7: '第二十条第（七）项 财政预算、决算信息',
  art20_8_fee: '第二十条第（八）项 行政事业性收费',
  art20_9: '第二十条第（九）项 政府集中采购项目',
  art20_10: '第二十条第（十）项 行政许可的事项、依据、条件、数量、程序、期限',
  art20_11: '第二十条第（十一）项 重大建设项目',
  art20_12: '第二十条第（十二）项 扶贫、教育、医疗、社会保障、促进就业',
  art20_13: '第二十条第（十三）项 突发公共事件的应急预案、预警信息及应对情况',
  art20_14: '第二十条第（十四）项 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查',
  art20_15: '第二十条第（十五）项 公务员招考的职位、名额、报考条件',
  art21_urban: '第二十一条 市政建设、公共服务、公益事业',
  art21_land: '第二十一条 土地征收、房屋征收',
  art21_security: '第二十一条 治安管理',
  art21_relief: '第二十一条 社会救助',
  art21_township: '第二十一条 乡（镇）人民政府主动公开事项',
  report: '政府信息公开工作年度报告',
};
export function categoryLabel(key: string): string {
  return PUBLICATION_CATEGORIES[key] ?? (key.startsWith('custom:') ? key.slice(7) : key);
}
export function isCategory(key: string): boolean {
  return key in PUBLICATION_CATEGORIES || /^custom:.{1,40}$/.test(key);
}

export interface PublishInput {
  regionCode: string;
  orgId: string;
  sourceModule?: string | null;
  sourceRef?: string | null;
  category: string;
  title: string;
  summary?: string;
  body?: string;
  docNo?: string | null;
  /** Date the information was formed or last changed (starts the 20-WD publication period). */
  formedOn: string;
  /**
   * The rule of the publication period when another instrument gives one (条例第二十六条："法律、法规对政府信息公开的期限另有规定的，
   * 从其规定"), e.g. a module's rule for 行政处罚决定 (7 WD). Default: disclosure.publish (20 WD).
   */
  rule?: string;
  /** Defaults to today. */
  publishedOn?: string;
  validUntil?: string | null;
  amountWan?: number | null;
  attachments?: { fileId: string; name: string }[];
  actor: PublicationActor;
}

/** Next 索引号 of an org in a year: <org code>/<year>-<5 digits>. */
export async function nextIndexNoInTrx(trx: Tx, orgId: string, regionCode: string, year: number): Promise<string> {
  const org = await trx.selectFrom('orgs').select('code').where('id', '=', orgId).executeTakeFirstOrThrow();
  const r = await trx.insertInto('caseCounters').values({ prefix: `GKML:${org.code}`, regionCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'regionCode', 'year']).doUpdateSet({ last: sql`case_counters.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return `${org.code}/${year}-${String(r.last).padStart(5, '0')}`;
}

/** Last day of the publication period for information formed on a date (null if the calendar does not know the year yet). */
export async function publishDueInTrx(ctx: Ctx, trx: Tx, regionCode: string, formedOn: string, ruleKey = 'disclosure.publish'): Promise<string | null> {
  const rule = await resolveRule(ctx, trx, ruleKey, formedOn, regionCode);
  const cal = await ctx.calendar.get(trx);
  const v = computeClock([{ kind: 'start', at: startOfLegalDate(formedOn).toISOString(), unit: rule.unit, length: rule.length }], cal, startOfLegalDate(formedOn), { yellowWithin: rule.yellowWithin });
  return v.dueDate;
}

/**
 * A step in an item's history (disclosure_item_events), with its audit record — `audit: false` when the step is an event
 * of the item's case, which the engine has audited already.
 */
export async function itemEventInTrx(
  trx: Tx, item: { id: string; regionCode: string; orgId: string }, action: string, actor: PublicationActor, detail: Record<string, unknown>, at: Date,
  opts: { audit?: boolean } = {},
): Promise<void> {
  await trx.insertInto('disclosureItemEvents').values({ itemId: item.id, regionCode: item.regionCode, orgId: item.orgId, action, actorId: actor.userId, actorName: actor.name, detail: JSON.stringify(detail), at }).execute();
  if (opts.audit === false) return;
  await appendAuditInTrx(trx, { id: actor.userId, name: actor.name }, { action: `disclosure.item.${action}`, targetType: 'disclosure_item', targetId: item.id, detail }, at, item.regionCode);
}

/** Publish (or revise, when the source was published before) an item in the catalogue. */
export async function publishInTrx(ctx: Ctx, trx: Tx, p: PublishInput): Promise<{ id: string; indexNo: string; late: boolean | null; revised: boolean }> {
  if (!isCategory(p.category)) throw new AppError('validation_failed', `未知的公开类别 ${p.category}`, { errors: [{ path: 'body.category', message: '未知的公开类别' }] });
  const now = ctx.clock.now();
  const publishedOn = p.publishedOn ?? legalDateOf(now);
  if (publishedOn < p.formedOn) throw new AppError('validation_failed', '公开日期不能早于信息形成日期', { errors: [{ path: 'body.publishedOn', message: '不能早于形成日期' }] });
  const due = await publishDueInTrx(ctx, trx, p.regionCode, p.formedOn, p.rule);
  const late = due === null ? null : publishedOn > due;
  const tokens = indexTokens(p.title, p.summary, p.docNo);
  const fields = {
    title: p.title, summary: p.summary ?? '', body: p.body ?? '', category: p.category, docNo: p.docNo ?? null, formedOn: p.formedOn,
    publishDue: due, publishedOn, late, validUntil: p.validUntil ?? null, amountWan: p.amountWan ?? null,
    attachments: JSON.stringify(p.attachments ?? []), tokens, status: 'published' as const, updatedAt: now,
  };
  const prior = p.sourceModule && p.sourceRef
    ? await trx.selectFrom('disclosureItems').select(['id', 'indexNo', 'orgId', 'regionCode']).where('regionCode', '=', p.regionCode).where('sourceModule', '=', p.sourceModule).where('sourceRef', '=', p.sourceRef).forUpdate().executeTakeFirst()
    : undefined;
  if (prior) {
    await trx.updateTable('disclosureItems').set({ ...fields, abolishedOn: null, version: sql`version + 1` }).where('id', '=', prior.id).execute();
    await itemEventInTrx(trx, prior, 'revise', p.actor, { publishedOn, formedOn: p.formedOn, late, source: p.sourceModule }, now);
    return { id: prior.id, indexNo: prior.indexNo, late, revised: true };
  }
  const indexNo = await nextIndexNoInTrx(trx, p.orgId, p.regionCode, Number(publishedOn.slice(0, 4)));
  const row = await trx.insertInto('disclosureItems').values({
    ...fields, regionCode: p.regionCode, orgId: p.orgId, indexNo, sourceModule: p.sourceModule ?? null, sourceRef: p.sourceRef ?? null,
    createdBy: p.actor.userId, createdAt: now,
  }).returning('id').executeTakeFirstOrThrow();
  const item = { id: row.id, regionCode: p.regionCode, orgId: p.orgId };
  await itemEventInTrx(trx, item, 'publish', p.actor, { indexNo, publishedOn, formedOn: p.formedOn, publishDue: due, late, source: p.sourceModule ?? null }, now);
  return { id: row.id, indexNo, late, revised: false };
}

async function bySource(trx: Tx, regionCode: string, sourceModule: string, sourceRef: string) {
  const it = await trx.selectFrom('disclosureItems').select(['id', 'regionCode', 'orgId', 'status']).where('regionCode', '=', regionCode).where('sourceModule', '=', sourceModule).where('sourceRef', '=', sourceRef).forUpdate().executeTakeFirst();
  if (!it) throw new AppError('not_found', '公开目录中没有该信息');
  return it;
}

/** Take an item off the portal (it stays in the catalogue's history). */
export async function withdrawInTrx(ctx: Ctx, trx: Tx, p: { regionCode: string; sourceModule: string; sourceRef: string; reason: string; actor: PublicationActor }): Promise<void> {
  const it = await bySource(trx, p.regionCode, p.sourceModule, p.sourceRef);
  if (it.status === 'withdrawn') return;
  const now = ctx.clock.now();
  await trx.updateTable('disclosureItems').set({ status: 'withdrawn', updatedAt: now, version: sql`version + 1` }).where('id', '=', it.id).execute();
  await itemEventInTrx(trx, it, 'withdraw', p.actor, { reason: p.reason }, now);
}

/** Record that a 规章 or 规范性文件 was abolished (废止): it stays published, no longer 现行有效. */
export async function abolishInTrx(ctx: Ctx, trx: Tx, p: { regionCode: string; sourceModule: string; sourceRef: string; abolishedOn: string; actor: PublicationActor }): Promise<void> {
  const it = await bySource(trx, p.regionCode, p.sourceModule, p.sourceRef);
  const now = ctx.clock.now();
  await trx.updateTable('disclosureItems').set({ abolishedOn: p.abolishedOn, updatedAt: now, version: sql`version + 1` }).where('id', '=', it.id).execute();
  await itemEventInTrx(trx, it, 'abolish', p.actor, { abolishedOn: p.abolishedOn }, now);
}

/**
 * What a module published through this service and has not withdrawn, with the publishing org's name: the base of a module's
 * own public list (行政执法公示) — filter, select and order it there; the table stays this service's.
 */
export function publishedBy(conn: Conn, regionCode: string, sourceModule: string) {
  return conn.selectFrom('disclosureItems as i').innerJoin('orgs as o', 'o.id', 'i.orgId')
    .where('i.regionCode', '=', regionCode).where('i.sourceModule', '=', sourceModule).where('i.status', '=', 'published');
}
