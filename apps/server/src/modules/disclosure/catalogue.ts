/**
 * 主动公开 catalogue items written in the console (政府信息公开目录, 《政府信息公开条例》第十二条、第二十六条): a case
 * type run by the engine — draft → 保密审查 by someone other than the drafter → published → revised / withdrawn — so that
 * every step is one transaction behind the case row's lock (two reviewers cannot both publish: the second gets 409),
 * with its event, audit record and Idempotency-Key. `disclosure_items` is the projection the catalogue, the portal and
 * the annual report read, kept in the same transaction (status, secrecy review, published date, late flag, history).
 *
 * Items other modules publish through platform/publication (publishInTrx) have no review step and no case: the console
 * may still revise or withdraw them, directly, under the item's row lock.
 * Items drafted before this workflow existed (a 0.1 database) get their case on their first action (adoptCaseInTrx).
 */
import { z } from 'zod';
import { defineWorkflow, legalDateOf, zId } from '@yifa/contracts';
import { sql } from 'kysely';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { CaseEventNotice } from '../../platform/registry.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import { AppError, forbidden } from '../../platform/http/problem.ts';
import { zDate } from '../../platform/http/validation.ts';
import { adoptCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { isCategory, itemEventInTrx, nextIndexNoInTrx, PUBLICATION_CATEGORIES, publishDueInTrx, type PublicationActor } from '../../platform/publication/publication.ts';
import { indexTokens } from '../../platform/publication/tokens.ts';

export const ITEM_TYPE = 'disclosure_item';
type S = 'draft' | 'review' | 'published' | 'withdrawn';
/** Who manages an org's catalogue: the holders of disclosure.manage (its 承办人, 负责人 or administrator); `roles` names them for the workbench. */
const MANAGERS = ['handler', 'leader', 'admin'] as const;
const MANAGE = { roles: MANAGERS, permission: 'disclosure.manage' } as const;

const fields = {
  title: z.string().trim().min(4, '请填写信息名称（至少 4 个字）').max(200, '最多 200 个字').meta({ title: '信息名称' }),
  summary: z.string().trim().max(2000).meta({ title: '内容概述' }),
  body: z.string().max(100000).meta({ title: '正文' }),
  category: z.string().refine(isCategory, '请选择公开类别（第二十条、第二十一条所列事项或自定义 custom:名称）').meta({ title: '公开类别' }),
  docNo: z.string().trim().max(100).nullable().optional().meta({ title: '文号' }),
  formedOn: zDate.meta({ title: '生成日期' }),
  validUntil: zDate.nullable().optional().meta({ title: '有效期至' }),
  amountWan: z.number().min(0).nullable().optional().meta({ title: '金额（万元）' }),
  attachments: z.array(z.object({ fileId: zId(), name: z.string().max(200) })).max(50).meta({ title: '附件' }),
};
export const itemInput = z.object({
  orgId: zId('请选择机关').meta({ title: '公开机关' }), ...fields,
  summary: fields.summary.default(''), body: fields.body.default(''), attachments: fields.attachments.default([]),
});
/** A change names only what changes: fields left out keep their value (no defaults here). */
export const reviseInput = z.object(fields).partial().extend({
  changedOn: zDate.meta({ title: '变更日期（自该日起20个工作日内公开）' }),
  reason: z.string().trim().min(2, '请说明变更原因').max(1000).meta({ title: '变更原因' }),
});
const opinion = z.object({ opinion: z.string().trim().min(2, '请填写审查意见').max(2000).meta({ title: '审查意见' }) });

export const catalogueItemWorkflow = defineWorkflow<S>({
  type: ITEM_TYPE,
  label: '主动公开信息',
  prefix: 'ML',
  internal: true,
  initial: 'draft',
  states: {
    draft: { label: '草稿' },
    review: { label: '保密审查中' },
    published: { label: '已公开' },
    withdrawn: { label: '已撤回', terminal: true },
  },
  create: { label: '新建主动公开信息', ...MANAGE, input: itemInput },
  transitions: {
    draft: { submit: { label: '提交保密审查', to: 'review', ...MANAGE } },
    review: {
      publish: {
        label: '保密审查通过并公开', to: 'published', ...MANAGE, input: opinion,
        confirm: '通过保密审查即在政府信息公开目录和门户网站公开，公开后不能收回到草稿。确认公开？',
      },
      reject: { label: '保密审查不通过，退回修改', to: 'draft', ...MANAGE, input: opinion },
    },
    published: {
      revise: { label: '变更已公开信息', to: 'published', ...MANAGE, input: reviseInput },
      withdraw: {
        label: '撤回', to: 'withdrawn', ...MANAGE, danger: true, confirm: '撤回后门户网站不再显示该信息，且不能恢复。确认撤回？',
        input: z.object({ reason: z.string().trim().min(2, '请说明撤回原因').max(1000).meta({ title: '撤回原因' }) }),
      },
    },
  },
  facts: [
    { key: 'indexNo', label: '索引号' }, { key: 'category', labels: PUBLICATION_CATEGORIES }, { key: 'docNo' }, { key: 'summary', kind: 'longText' },
    { key: 'formedOn' }, { key: 'publishDue', label: '公开期限（第二十六条：形成或者变更之日起20个工作日）', kind: 'date' },
    { key: 'publishedOn', label: '公开日期', kind: 'date' }, { key: 'late', label: '逾期公开', kind: 'boolean' },
    { key: 'validUntil' }, { key: 'amountWan' }, { key: 'review.opinion', label: '保密审查意见' }, { key: 'changeReason', label: '变更原因' },
    { key: 'withdrawReason', label: '撤回原因' },
  ],
});

/** The facts a case keeps of its item (the item row keeps the body and the attachments). */
type ItemFacts = { title: string; summary: string; category: string; docNo: string | null; formedOn: string; validUntil: string | null; amountWan: number | string | null };
function factsOf(i: ItemFacts) {
  const { title, summary, category, docNo, formedOn, validUntil } = i;
  return { title, summary, category, docNo, formedOn, validUntil, amountWan: i.amountWan === null ? null : Number(i.amountWan) };
}

export const catalogueItemCaseType: CaseType = {
  workflow: catalogueItemWorkflow,
  async open(input, actor, ctx, trx) {
    const org = await trx.selectFrom('orgs').select(['id', 'regionCode']).where('id', '=', String(input.orgId)).executeTakeFirst();
    if (!org) throw new AppError('validation_failed', '公开机关无效', { errors: [{ path: 'body.input.orgId', message: '机构不存在' }] });
    const formedOn = String(input.formedOn);
    const indexNo = await nextIndexNoInTrx(trx, org.id, org.regionCode, Number(formedOn.slice(0, 4)));
    const publishDue = await publishDueInTrx(ctx, trx, org.regionCode, formedOn);
    const i = input as z.infer<typeof itemInput>;
    return {
      orgId: org.id, title: i.title,
      data: {
        ...factsOf({ ...i, docNo: i.docNo ?? null, validUntil: i.validUntil ?? null, amountWan: i.amountWan ?? null }), indexNo, publishDue, draftedBy: actor.userId,
      },
    };
  },
  reduce(data, action, input) {
    switch (action) {
      case 'publish':
      case 'reject': return { ...data, review: { approve: action === 'publish', opinion: input.opinion } };
      case 'revise': {
        const { changedOn, reason, body: _b, attachments: _a, ...changed } = input;
        return { ...data, ...Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined)), formedOn: changedOn, changeReason: reason };
      }
      case 'withdraw': return { ...data, withdrawReason: input.reason };
      default: return data;
    }
  },
  // 保密审查 by someone other than the drafter (the four-eyes rule of the catalogue)
  async guard(_trx, c, action, actor) {
    if (c.state === 'review' && (action === 'publish' || action === 'reject') && c.data.draftedBy && c.data.draftedBy === actor.userId) {
      throw forbidden('保密审查须由起草人以外的人员进行');
    }
  },
};

type ItemRow = ItemFacts & { id: string; regionCode: string; orgId: string; body: string; status: string };
const ref = (e: { actorId: string | null; actorName: string }): PublicationActor => ({ userId: e.actorId, name: e.actorName });

/** Revise a published item (a change restarts the 20 WD from the change date, 第二十六条); records the history. */
async function reviseInTrx(
  ctx: Ctx, trx: Tx, it: ItemRow, b: z.infer<typeof reviseInput>, actor: PublicationActor, at: Date, audit: boolean,
): Promise<{ publishDue: string | null; late: boolean | null }> {
  const on = legalDateOf(at);
  const due = await publishDueInTrx(ctx, trx, it.regionCode, b.changedOn);
  const late = due === null ? null : on > due;
  const next = { title: b.title ?? it.title, summary: b.summary ?? it.summary, docNo: b.docNo === undefined ? it.docNo : b.docNo };
  await trx.updateTable('disclosureItems').set({
    ...next, body: b.body ?? it.body, category: b.category ?? it.category, validUntil: b.validUntil === undefined ? it.validUntil : b.validUntil,
    amountWan: b.amountWan === undefined ? it.amountWan : b.amountWan, formedOn: b.changedOn, publishDue: due, late,
    tokens: indexTokens(next.title, next.summary, next.docNo), version: sql`version + 1`, updatedAt: at,
  }).where('id', '=', it.id).execute();
  await itemEventInTrx(trx, it, 'revise', actor, { reason: b.reason, changedOn: b.changedOn, before: { title: it.title, summary: it.summary } }, at, { audit });
  return { publishDue: due, late };
}

async function withdrawItemInTrx(trx: Tx, it: ItemRow, reason: string, actor: PublicationActor, at: Date, audit: boolean): Promise<void> {
  await trx.updateTable('disclosureItems').set({ status: 'withdrawn', updatedAt: at, version: sql`version + 1` }).where('id', '=', it.id).execute();
  await itemEventInTrx(trx, it, 'withdraw', actor, { reason }, at, { audit });
}

/**
 * The projection: after every event of a catalogue item's case, in its transaction, the item row and its history follow.
 * (The engine has written the event and the audit record; the history rows are the catalogue's own view of them.)
 */
export async function projectItemInTrx(trx: Tx, e: CaseEventNotice, ctx: Ctx): Promise<void> {
  if (e.type !== ITEM_TYPE) return;
  const actor = ref(e);
  if (e.action === 'open') {
    const c = await trx.selectFrom('cases').select(['data', 'regionCode', 'orgId']).where('id', '=', e.caseId).executeTakeFirstOrThrow();
    const d = c.data as { indexNo: string; publishDue: string | null };
    const b = e.input as z.infer<typeof itemInput>;
    const r = await trx.insertInto('disclosureItems').values({
      regionCode: c.regionCode, orgId: c.orgId, indexNo: d.indexNo, title: b.title, summary: b.summary, body: b.body, category: b.category, docNo: b.docNo ?? null,
      formedOn: b.formedOn, publishDue: d.publishDue, validUntil: b.validUntil ?? null, amountWan: b.amountWan ?? null, attachments: JSON.stringify(b.attachments),
      status: 'draft', tokens: [], createdBy: e.actorId, createdAt: e.at, updatedAt: e.at, publishedOn: null, late: null, abolishedOn: null,
      sourceModule: null, sourceRef: null, secrecyReview: null, caseId: e.caseId,
    }).returning('id').executeTakeFirstOrThrow();
    const item = { id: r.id, regionCode: c.regionCode, orgId: c.orgId };
    await itemEventInTrx(trx, item, 'draft', actor, { indexNo: d.indexNo, publishDue: d.publishDue }, e.at, { audit: false });
    return;
  }
  const it = await trx.selectFrom('disclosureItems').selectAll().where('caseId', '=', e.caseId).executeTakeFirstOrThrow() as unknown as ItemRow;
  const facts = (f: Record<string, unknown>) => trx.updateTable('cases').set({ data: sql`data || ${JSON.stringify(f)}::jsonb` }).where('id', '=', e.caseId).execute();
  switch (e.action) {
    case 'submit':
      await trx.updateTable('disclosureItems').set({ status: 'review', updatedAt: e.at }).where('id', '=', it.id).execute();
      await itemEventInTrx(trx, it, 'submit', actor, {}, e.at, { audit: false });
      return;
    case 'reject':
    case 'publish': {
      const review = { by: e.actorName, at: e.at.toISOString(), approve: e.action === 'publish', opinion: e.input.opinion };
      if (e.action === 'reject') {
        await trx.updateTable('disclosureItems').set({ status: 'draft', secrecyReview: JSON.stringify(review), updatedAt: e.at }).where('id', '=', it.id).execute();
        await itemEventInTrx(trx, it, 'reject', actor, review, e.at, { audit: false });
        return;
      }
      const on = legalDateOf(e.at);
      const due = await publishDueInTrx(ctx, trx, it.regionCode, String(it.formedOn));
      const late = due === null ? null : on > due;
      await trx.updateTable('disclosureItems').set({
        status: 'published', secrecyReview: JSON.stringify(review), publishedOn: on, publishDue: due, late,
        tokens: indexTokens(it.title, it.summary, it.docNo), updatedAt: e.at,
      }).where('id', '=', it.id).execute();
      await itemEventInTrx(trx, it, 'publish', actor, { ...review, publishedOn: on, publishDue: due, late }, e.at, { audit: false });
      await facts({ publishedOn: on, publishDue: due, late });
      return;
    }
    case 'revise': await facts(await reviseInTrx(ctx, trx, it, e.input as z.infer<typeof reviseInput>, actor, e.at, false)); return;
    case 'withdraw': await withdrawItemInTrx(trx, it, String(e.input.reason), actor, e.at, false); return;
    default:
  }
}

/** The console's item actions and the workflow actions they are. */
export type ItemCommand =
  | { action: 'submit' }
  | { action: 'publish' | 'reject'; input: { opinion: string } }
  | { action: 'revise'; input: z.infer<typeof reviseInput> }
  | { action: 'withdraw'; input: { reason: string } };

/**
 * Perform a console action on an item: through its case (adopted first if the item was drafted before its workflow
 * existed), or — for an item another module published — a revision or withdrawal under the item's row lock.
 */
export async function itemActionInTrx(ctx: Ctx, trx: Tx, itemId: string, cmd: ItemCommand, actor: Actor, idempotencyKey: string | null): Promise<void> {
  const row = await trx.selectFrom('disclosureItems').select(['caseId', 'sourceModule']).where('id', '=', itemId).executeTakeFirstOrThrow();
  // Only an item without a case is locked here (its case does not exist yet); a case is locked by the engine.
  const it = row.caseId ? null : await trx.selectFrom('disclosureItems').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
  let caseId = row.caseId ?? it?.caseId ?? null;
  if (!caseId && it && it.sourceModule) {
    const offered = it.status === 'published' ? ['revise', 'withdraw'] : [];
    if (!offered.includes(cmd.action)) {
      throw new AppError('transition_not_allowed', `该信息由${it.sourceModule}模块发布，不经保密审查；${offered.length ? '只能变更或撤回' : '已撤回'}`, { allowedActions: offered });
    }
    const now = ctx.clock.now();
    const who = { userId: actor.userId, name: actor.name };
    if (cmd.action === 'revise') await reviseInTrx(ctx, trx, it as unknown as ItemRow, cmd.input, who, now, true);
    else if (cmd.action === 'withdraw') await withdrawItemInTrx(trx, it as unknown as ItemRow, cmd.input.reason, who, now, true);
    return;
  }
  if (!caseId && it && it.status === 'withdrawn') throw new AppError('transition_not_allowed', '该信息已撤回', { allowedActions: [] });
  if (!caseId && it) {
    // drafted before the workflow existed (0.1): its case opens in the state the item is in, dated when it was drafted
    ({ caseId } = await adoptCaseInTrx(ctx, trx, ITEM_TYPE, {
      orgId: it.orgId, title: it.title, state: it.status, at: it.createdAt, actor: ctx.registry.systemActor('disclosure', '接续此前起草的公开目录信息'),
      data: { ...factsOf(it), indexNo: it.indexNo, publishDue: it.publishDue, draftedBy: it.createdBy, publishedOn: it.publishedOn, late: it.late },
      record: { table: 'disclosure_items', id: it.id },
    }));
    await trx.updateTable('disclosureItems').set({ caseId }).where('id', '=', it.id).execute();
  }
  await performInTrx(ctx, trx, { caseId: caseId!, action: cmd.action, input: 'input' in cmd ? cmd.input : {}, actor, idempotencyKey });
}
