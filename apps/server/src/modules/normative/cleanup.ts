/**
 * 清理 (国办发〔2018〕37号: 定期清理; the period is not national — unsourced): an annual or ad-hoc campaign lists the documents
 * in force when it starts; a decision per document — 继续有效 / 修改 / 废止 / 宣布失效 — is recorded with its audit record and,
 * for 废止 and 宣布失效, applied to the document's case through the engine in the same transaction. 修改 leaves the document
 * in force until its new version (a draft with amendsId) is published.
 */
import { legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { performInTrx } from '../../platform/cases/engine.ts';

export const CLEANUP_DECISIONS = ['继续有效', '修改', '废止', '宣布失效'] as const;
export type CleanupDecision = (typeof CLEANUP_DECISIONS)[number];

export async function startCampaign(ctx: Ctx, actor: Actor, b: { title: string; kind: 'annual' | 'adhoc'; basis: string }) {
  const region = ctx.config.defaultRegion;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const k = await trx.insertInto('normativeCampaigns').values({
      regionCode: region, title: b.title, kind: b.kind, basis: b.basis, startedOn: legalDateOf(now), createdBy: actor.userId, createdAt: now,
    }).returning('id').executeTakeFirstOrThrow();
    const docs = await trx.selectFrom('normativeDocs').select('caseId').where('regionCode', '=', region).where('state', '=', 'in_force').execute();
    if (docs.length) await trx.insertInto('normativeCampaignItems').values(docs.map((d) => ({ campaignId: k.id, caseId: d.caseId }))).execute();
    await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, {
      action: 'normative.campaign.start', targetType: 'normative_campaign', targetId: k.id, detail: { title: b.title, documents: docs.length },
    }, now, region);
    return { id: k.id, documents: docs.length };
  });
}

export async function decideInCampaign(ctx: Ctx, actor: Actor, campaignId: string, b: { caseId: string; decision: CleanupDecision; reason: string }) {
  const region = ctx.config.defaultRegion;
  const now = ctx.clock.now();
  const on = legalDateOf(now);
  return ctx.db.transaction().execute(async (trx) => {
    const k = await trx.selectFrom('normativeCampaigns').select(['id', 'closedOn']).where('id', '=', campaignId).where('regionCode', '=', region).forUpdate().executeTakeFirst();
    if (!k) throw notFound('清理');
    if (k.closedOn) throw new AppError('conflict', '该次清理已结束');
    const item = await trx.selectFrom('normativeCampaignItems').select(['decision']).where('campaignId', '=', campaignId).where('caseId', '=', b.caseId).executeTakeFirst();
    if (!item) throw new AppError('validation_failed', '该文件不在本次清理范围内', { errors: [{ path: 'body.caseId', message: '该文件不在本次清理范围内' }] });
    if (item.decision) throw new AppError('conflict', `已作出清理决定：${item.decision}`);
    await trx.updateTable('normativeCampaignItems').set({ decision: b.decision, reason: b.reason, decidedOn: on, decidedBy: actor.userId })
      .where('campaignId', '=', campaignId).where('caseId', '=', b.caseId).execute();
    // the decision is the campaign's: the platform applies it to the document, naming who decided
    const apply = ctx.registry.systemActor('normative', `清理决定（${actor.name}）`);
    if (b.decision === '废止') {
      await performInTrx(ctx, trx, { caseId: b.caseId, action: 'repeal', input: { repealedOn: on, reason: `清理：${b.reason}` }, actor: apply });
    } else if (b.decision === '宣布失效') {
      await performInTrx(ctx, trx, { caseId: b.caseId, action: 'expire', input: { expiredOn: on, reason: `清理：${b.reason}` }, actor: apply });
    }
    await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, {
      action: 'normative.campaign.decide', targetType: 'normative_campaign', targetId: campaignId, detail: { caseId: b.caseId, decision: b.decision },
    }, now, region);
    return { caseId: b.caseId, decision: b.decision };
  });
}

export async function campaignView(ctx: Ctx, id: string) {
  const k = await ctx.db.selectFrom('normativeCampaigns').selectAll().where('id', '=', id).where('regionCode', '=', ctx.config.defaultRegion).executeTakeFirst();
  if (!k) throw notFound('清理');
  const items = await ctx.db.selectFrom('normativeCampaignItems as i').innerJoin('normativeDocs as n', 'n.caseId', 'i.caseId').innerJoin('orgs as o', 'o.id', 'n.orgId')
    .select(['i.caseId', 'i.decision', 'i.reason', 'i.decidedOn', 'n.title', 'n.regNo', 'n.docNo', 'n.state', 'n.effectiveOn', 'n.validUntil', 'o.name as orgName'])
    .where('i.campaignId', '=', id).orderBy('n.regNo').execute();
  return { ...k, items };
}
