/**
 * 权责清单动态调整 as a case type run by the engine (`powers_adjustment`): proposed → approved / rejected, each step one
 * transaction behind the case row's lock (a second decision gets 409), with its event, audit record and
 * Idempotency-Key. Who may propose and decide is the module's permissions (powers.propose, powers.approve, with the
 * policy that lets the county administrator keep the list for every org). `powers_adjustments` is the projection the
 * list as of a date, the diff and the metrics read; an approval applies the change to `powers_items` in the same
 * transaction. Proposals made before this workflow existed (a 0.1 database) get their case on their decision.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineWorkflow, isLegalDate, zId } from '@yifa/contracts';
import { sql } from 'kysely';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { CaseEventNotice } from '../../platform/registry.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import { AppError, conflict, notFound } from '../../platform/http/problem.ts';
import { adoptCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { ITEM_TYPES, itemFields, loadItem, snapshotOf, zItem, type Snapshot } from './store.ts';

export const ADJUSTMENT_TYPE = 'powers_adjustment';
type S = 'proposed' | 'approved' | 'rejected';

const zUuid = zId('请选择机构');
export const zAdjustment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), item: zItem }),
  z.object({ kind: z.literal('modify'), itemId: zUuid, changes: z.object({
    name: z.string().trim().min(2).max(200).optional(), type: z.enum(ITEM_TYPES).optional(), orgId: zUuid.optional(),
    basisLaw: z.string().trim().min(2).max(500).optional(), basisArticle: z.string().trim().max(500).optional(),
    duties: z.array(z.string().trim().min(1).max(200)).min(1).max(30).optional(), delegable: z.boolean().optional(),
    status: z.enum(['active', 'suspended']).optional(),
  }).refine((c) => Object.keys(c).length > 0, '请至少修改一项') }),
  z.object({ kind: z.literal('abolish'), itemId: zUuid }),
  z.object({ kind: z.literal('delegate'), itemId: zUuid, townshipIds: z.array(zUuid).min(1, '请选择承接的乡镇（街道）').max(50), until: z.string().refine(isLegalDate, '日期格式应为 YYYY-MM-DD').nullish() }),
  z.object({ kind: z.literal('revoke_delegation'), itemId: zUuid }),
], '请选择调整类型');
export const zAdjustmentBody = z.object({
  change: zAdjustment.meta({ title: '调整内容' }),
  effectiveOn: z.string().refine(isLegalDate, '日期格式应为 YYYY-MM-DD').meta({ title: '生效日期' }),
  reason: z.string().trim().min(4, '请说明调整理由（至少 4 个字）').max(2000).meta({ title: '调整理由' }),
  documentNo: z.string().trim().max(100).nullish().meta({ title: '文件依据（文号）' }),
});
export type AdjustmentBody = z.infer<typeof zAdjustmentBody>;

export const KIND_ZH = { add: '新增', modify: '变更', abolish: '取消', delegate: '下放', revoke_delegation: '收回下放', import: '导入' } as const;
const DECIDERS = ['admin', 'leader'] as const;
const note = z.object({ note: z.string().trim().min(2, '请填写审核意见').max(1000).meta({ title: '审核意见' }) });

export const adjustmentWorkflow = defineWorkflow<S>({
  type: ADJUSTMENT_TYPE,
  label: '权责清单调整',
  prefix: 'TZ',
  internal: true,
  view: ['powers.propose', 'powers.approve'],
  initial: 'proposed',
  states: { proposed: { label: '待审核' }, approved: { label: '已批准', terminal: true }, rejected: { label: '已驳回', terminal: true } },
  create: { label: '提出调整', roles: ['admin', 'handler'], permission: 'powers.propose', input: zAdjustmentBody },
  transitions: {
    proposed: {
      approve: {
        label: '批准调整', to: 'approved', roles: DECIDERS, permission: 'powers.approve', input: note,
        confirm: '批准后该调整自生效日期起计入权责清单，不能撤销（再调整须另行提出）。确认批准？',
      },
      reject: { label: '驳回调整', to: 'rejected', roles: DECIDERS, permission: 'powers.approve', input: note },
    },
  },
  facts: [
    { key: 'kind', label: '调整类型', labels: KIND_ZH }, { key: 'code', label: '职权编码' }, { key: 'name', label: '职权名称' },
    { key: 'effectiveOn', label: '生效日期', kind: 'date' }, { key: 'reason', label: '调整理由', kind: 'longText' }, { key: 'documentNo', label: '文件依据（文号）' },
    { key: 'decisionNote', label: '审核意见' },
  ],
});

async function assertOrg(trx: Tx, orgId: string, region: string, path: string) {
  const o = await trx.selectFrom('orgs').select(['id', 'dissolvedOn']).where('id', '=', orgId).where('regionCode', '=', region).executeTakeFirst();
  if (!o || o.dissolvedOn) throw new AppError('validation_failed', '实施主体无效', { errors: [{ path, message: '机构不存在或已撤销' }] });
}

/** The item before and after a proposed change (the `after` snapshot is checked again at approval), and the org that owns it. */
async function planChange(trx: Tx, b: AdjustmentBody, region: string): Promise<{ orgId: string; itemId: string | null; before: Snapshot | null; after: Snapshot }> {
  const ch = b.change;
  const at = (p: string) => `body.input.change.${p}`;
  if (ch.kind === 'add') {
    const dup = await trx.selectFrom('powersItems').select('id').where('regionCode', '=', region).where('code', '=', ch.item.code).executeTakeFirst();
    const pending = await trx.selectFrom('powersAdjustments').select('id').where('regionCode', '=', region).where('status', '=', 'proposed')
      .where(sql<boolean>`after->>'code' = ${ch.item.code}`).executeTakeFirst();
    if (dup || pending) throw new AppError('validation_failed', '职权编码已存在', { errors: [{ path: at('item.code'), message: '该编码已在清单中或已有待审核的新增' }] });
    await assertOrg(trx, ch.item.orgId, region, at('item.orgId'));
    const after: Snapshot = { ...ch.item, townshipKind: ch.item.townshipKind ?? null, status: 'active', delegatedOn: null, delegatedUntil: null, delegatedTo: [], version: 1 };
    return { orgId: ch.item.orgId, itemId: null, before: null, after };
  }
  const item = await loadItem(trx, ch.itemId);
  if (!item || item.regionCode !== region) throw notFound('权责事项');
  const before = snapshotOf(item);
  if (before.status === 'abolished') throw conflict('该事项已取消，不能再调整');
  const next = { ...before, version: before.version + 1 };
  const plan = (after: Snapshot) => ({ orgId: item.orgId, itemId: item.id, before, after });
  switch (ch.kind) {
    case 'modify':
      if (ch.changes.orgId) await assertOrg(trx, ch.changes.orgId, region, at('changes.orgId'));
      return plan({ ...next, ...ch.changes });
    case 'abolish': return plan({ ...next, status: 'abolished' });
    case 'delegate': {
      if (item.level !== 'county') throw new AppError('validation_failed', '只有县级职权可以下放', { errors: [{ path: at('itemId'), message: '乡镇职权不能再下放' }] });
      const towns = await trx.selectFrom('orgs').select('id').where('id', 'in', ch.townshipIds).where('kind', '=', 'township').where('regionCode', '=', region)
        .execute();
      if (towns.length !== new Set(ch.townshipIds).size) {
        throw new AppError('validation_failed', '承接单位应为本县的乡镇（街道）', { errors: [{ path: at('townshipIds'), message: '包含不是乡镇（街道）的机构' }] });
      }
      if (ch.until && ch.until <= b.effectiveOn) throw new AppError('validation_failed', '下放截止日期应晚于生效日期', { errors: [{ path: at('until'), message: '应晚于生效日期' }] });
      return plan({ ...next, delegatedOn: b.effectiveOn, delegatedUntil: ch.until ?? null, delegatedTo: [...new Set(ch.townshipIds)] });
    }
    default:
      if (!before.delegatedOn) throw conflict('该事项未下放');
      return plan({ ...next, delegatedUntil: b.effectiveOn, delegatedTo: before.delegatedTo });
  }
}

export const adjustmentCaseType: CaseType = {
  workflow: adjustmentWorkflow,
  async open(input, _actor, ctx, trx) {
    const b = input as AdjustmentBody;
    const p = await planChange(trx, b, ctx.config.defaultRegion);
    const name = p.after.name;
    return {
      orgId: p.orgId, title: `${KIND_ZH[b.change.kind]}：${name}`,
      data: {
        adjustmentId: randomUUID(), kind: b.change.kind, itemId: p.itemId, code: p.after.code, name, effectiveOn: b.effectiveOn, reason: b.reason,
        documentNo: b.documentNo ?? null, before: p.before, after: p.after,
      },
    };
  },
  reduce(data, action, input) {
    return action === 'approve' || action === 'reject' ? { ...data, decisionNote: input.note } : data;
  },
  // An approval applies the `after` snapshot: refused (409) when the item changed since the proposal, or the new code is taken.
  async guard(trx, c, action) {
    if (action !== 'approve' || c.state !== 'proposed') return;
    const adj = await trx.selectFrom('powersAdjustments').select(['itemId', 'before', 'after', 'regionCode']).where('caseId', '=', c.id).executeTakeFirstOrThrow();
    if (adj.itemId) {
      const cur = await loadItem(trx, adj.itemId);
      if (!cur || cur.version !== (adj.before as unknown as Snapshot).version) throw conflict('该事项在提出调整后已被修改，请重新提出调整');
    } else {
      const code = (adj.after as unknown as Snapshot).code;
      const dup = await trx.selectFrom('powersItems').select('id').where('regionCode', '=', adj.regionCode).where('code', '=', code).executeTakeFirst();
      if (dup) throw conflict('职权编码已存在');
    }
  },
};

/** The projection: the adjustment row follows its case; an approval applies the change to the list in the same transaction. */
export async function projectAdjustmentInTrx(trx: Tx, e: CaseEventNotice): Promise<void> {
  if (e.type !== ADJUSTMENT_TYPE) return;
  if (e.action === 'open') {
    const c = await trx.selectFrom('cases').select(['data', 'regionCode', 'orgId']).where('id', '=', e.caseId).executeTakeFirstOrThrow();
    const d = c.data as {
      adjustmentId: string; kind: AdjustmentBody['change']['kind']; itemId: string | null; effectiveOn: string; reason: string; documentNo: string | null;
      before: Snapshot | null; after: Snapshot;
    };
    await trx.insertInto('powersAdjustments').values({
      id: d.adjustmentId, regionCode: c.regionCode, orgId: c.orgId, itemId: d.itemId, kind: d.kind, effectiveOn: d.effectiveOn, reason: d.reason,
      documentNo: d.documentNo, before: d.before ? JSON.stringify(d.before) : null, after: JSON.stringify(d.after), status: 'proposed',
      proposedBy: e.actorId, proposedByName: e.actorName, proposedAt: e.at, caseId: e.caseId,
    }).execute();
    return;
  }
  if (e.action !== 'approve' && e.action !== 'reject') return;
  const adj = await trx.selectFrom('powersAdjustments').selectAll().where('caseId', '=', e.caseId).executeTakeFirstOrThrow();
  let itemId = adj.itemId;
  const after = adj.after as unknown as Snapshot | null;
  if (e.action === 'approve' && after) {
    // the guard checked the item's version (or that the new code is free) before anything was written
    if (itemId) await trx.updateTable('powersItems').set(itemFields(after, e.at)).where('id', '=', itemId).execute();
    else itemId = (await trx.insertInto('powersItems').values({ regionCode: adj.regionCode, ...itemFields(after, e.at) }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await trx.updateTable('powersAdjustments').set({
    status: e.action === 'approve' ? 'approved' : 'rejected', itemId, decidedBy: e.actorId, decidedByName: e.actorName, decidedAt: e.at, decisionNote: String(e.input.note),
    after: after ? JSON.stringify(e.action === 'approve' ? { ...after, id: itemId } : after) : null,
  }).where('id', '=', adj.id).execute();
}

/**
 * Decide an adjustment through its case. A proposal made before the workflow existed (0.1) is adopted first: its case opens
 * as 待审核, dated when it was proposed, under the row's lock (a concurrent decision waits and then finds the case).
 */
export async function decideAdjustmentInTrx(
  ctx: Ctx, trx: Tx, id: string, action: 'approve' | 'reject', note: string, actor: Actor, idempotencyKey: string | null,
): Promise<string> {
  let { caseId } = await trx.selectFrom('powersAdjustments').select('caseId').where('id', '=', id).executeTakeFirstOrThrow();
  if (!caseId) {
    const adj = await trx.selectFrom('powersAdjustments').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    caseId = adj.caseId;
    if (!caseId) {
      if (adj.status !== 'proposed') throw new AppError('transition_not_allowed', `该调整已${adj.status === 'approved' ? '批准' : '驳回'}，不能再审核`, { allowedActions: [] });
      const after = adj.after as unknown as Snapshot;
      ({ caseId } = await adoptCaseInTrx(ctx, trx, ADJUSTMENT_TYPE, {
        orgId: adj.orgId, title: `${KIND_ZH[adj.kind]}：${after.name}`, state: 'proposed', at: adj.proposedAt, actor: ctx.registry.systemActor('powers', '接续此前提出的调整'),
        data: {
          adjustmentId: adj.id, kind: adj.kind, itemId: adj.itemId, code: after.code, name: after.name, effectiveOn: adj.effectiveOn, reason: adj.reason,
          documentNo: adj.documentNo, before: adj.before, after,
        },
        record: { table: 'powers_adjustments', id: adj.id },
      }));
      await trx.updateTable('powersAdjustments').set({ caseId }).where('id', '=', adj.id).execute();
    }
  }
  await performInTrx(ctx, trx, { caseId, action, input: { note }, actor, idempotencyKey });
  return caseId;
}
