/**
 * The staff side of 公开征求意见 (comments.ts), one set of routes for every consulting case: the comments of a case for its
 * holders (name and phone masked; the text as written), the answer to a comment (采纳 / 部分采纳 / 不采纳 with the reason — the
 * 采纳情况 publishes each), and moderation (不予展示 with the reason; 恢复展示). Each change is audited in its transaction; none
 * is possible after the 采纳情况 is published. Who may act: `consultation.answer` and a view of the case's orgs. And the one public
 * route of its own: the SMS code for a comment where the county requires a verified phone.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { assertCan, can, type Actor } from '../authz.ts';
import { AppError, notFound } from '../http/problem.ts';
import { zUuid } from '../http/validation.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { runCommand } from '../http/idempotency.ts';
import { orgPathsOfCase } from '../cases/case-queries.ts';
import { ANSWERS, publicWriteConfig, roundOf, roundSince, sendPhoneCode } from './comments.ts';

export const CONSULTATION_ROUTE_ACCESS = {
  'GET /consultations/cases/:id/comments': 'case.view',
  'POST /consultations/comments/:id/answer': 'consultation.answer',
  'POST /consultations/comments/:id/hide': 'consultation.answer',
  'POST /consultations/comments/:id/show': 'consultation.answer',
} as const;

export const CONSULTATION_AUDIT = {
  'consultation.comment.answer': '答复公众意见（采纳情况）',
  'consultation.comment.hide': '不予展示公众意见',
  'consultation.comment.show': '恢复展示公众意见',
};

const staff = (a: Actor) => ({ id: a.userId, name: a.name, ip: a.ip });

export async function consultationRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['公开征求意见'];

  /** The consulting case, seen by the actor (a case outside their orgs is not found). */
  const caseSeen = async (actor: Actor, id: string) => {
    const c = await ctx.db.selectFrom('cases').select(['id', 'data', 'regionCode']).where('id', '=', id).executeTakeFirst();
    if (!c || !roundOf(c.data) || !can(actor, 'case.view', { orgPaths: await orgPathsOfCase(ctx.db, c.id) })) throw notFound('征求意见');
    return c;
  };

  // portal: where the county requires a verified phone (CONSULTATION_SETTINGS), the code for a comment, by SMS
  app.post('/public/consultations/:id/phone-code', {
    config: publicWriteConfig(ctx),
    schema: {
      tags: ['公众'], summary: '获取提交意见的短信验证码（本县要求验证手机号时；每个号码每分钟一次）', params: z.object({ id: zUuid }),
      body: z.object({ phone: z.string('请填写手机号码').trim().regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码') }),
    },
  }, async (req, reply) => reply.status(202).send(await sendPhoneCode(ctx, { caseId: req.params.id, phone: req.body.phone })));

  app.get('/consultations/cases/:id/comments', {
    schema: { tags, summary: '草案收到的公众意见（办理单位查看、逐条答复、审核展示）', params: z.object({ id: zUuid }) },
  }, async (req) => {
    const c = await caseSeen(req.actor, req.params.id);
    const round = roundOf(c.data)!;
    const rows = await ctx.db.selectFrom('consultationComments')
      .select(['id', 'nameMasked', 'phoneMasked', 'body', 'status', 'hiddenReason', 'answer', 'answerReason', 'answeredAt', 'createdAt'])
      .where('caseId', '=', c.id).where('createdAt', '>=', roundSince(round)).orderBy('createdAt').orderBy('id').execute();
    return {
      total: rows.length, closed: !!round.adoption, unanswered: rows.filter((r) => r.status === 'shown' && !r.answer).length,
      items: rows.map(({ nameMasked, phoneMasked, ...r }) => ({ ...r, name: nameMasked, phone: phoneMasked })),
    };
  });

  /** A comment the actor may still moderate or answer: its case is theirs and the 采纳情况 is not yet published. */
  const commentOf = async (actor: Actor, id: string, message: string) => {
    assertCan(actor, 'consultation.answer', {}, message);
    const m = await ctx.db.selectFrom('consultationComments').select(['id', 'caseId', 'regionCode', 'createdAt']).where('id', '=', id).executeTakeFirst();
    if (!m) throw notFound('意见');
    const c = await caseSeen(actor, m.caseId);
    if (!stillOpen(c.data, m.createdAt)) throw new AppError('conflict', CLOSED);
    return m;
  };
  const CLOSED = '采纳情况已公布，不能再修改意见的答复或展示';
  /** The comment belongs to the case's current round and its 采纳情况 is not yet published. */
  const stillOpen = (data: unknown, createdAt: Date) => {
    const round = roundOf(data);
    return !!round && !round.adoption && createdAt >= roundSince(round);
  };
  /** One change of a comment with its audit, in one transaction; an Idempotency-Key replay returns the first answer and changes nothing. */
  const change = async <T>(req: { actor: Actor; headers: Record<string, unknown>; body?: unknown },
    m: { id: string; caseId: string; regionCode: string; createdAt: Date }, action: keyof typeof CONSULTATION_AUDIT,
    set: (at: Date) => Record<string, unknown>, detail: Record<string, unknown>, body: (at: Date) => T, refuse: (status: string) => string | null) => {
    const actor = req.actor;
    const r = await runCommand(ctx, actor, req.headers['idempotency-key'] as string | undefined, { route: action, id: m.id, body: req.body ?? null },
      async (trx) => {
        const at = ctx.clock.now();
        // the case row shared-locked, as the engine locks it for update: a 结束征求意见 either sees this change in its tally or
        // commits first and this change is refused — the published counts always match the answers
        const k = await trx.selectFrom('cases').select('data').where('id', '=', m.caseId).forShare().executeTakeFirstOrThrow();
        if (!stillOpen(k.data, m.createdAt)) throw new AppError('conflict', CLOSED);
        const cur = await trx.selectFrom('consultationComments').select('status').where('id', '=', m.id).forUpdate().executeTakeFirstOrThrow();
        const refused = refuse(cur.status);
        if (refused) throw new AppError('conflict', refused);
        await trx.updateTable('consultationComments').set(set(at)).where('id', '=', m.id).execute();
        await appendAuditInTrx(trx, staff(actor), { action, targetType: 'case', targetId: m.caseId, detail: { commentId: m.id, ...detail } }, at, m.regionCode);
        return { status: 200, body: body(at) };
      });
    return r.body;
  };
  app.post('/consultations/comments/:id/answer', {
    schema: {
      tags, summary: '答复一条意见：采纳、部分采纳或不采纳（写明理由；公布采纳情况时一并公开）', params: z.object({ id: zUuid }),
      body: z.object({
        answer: z.enum(ANSWERS, '请选择采纳、部分采纳或不采纳'),
        reason: z.string('请写明理由').trim().min(4, '请写明理由（至少 4 个字）').max(2000, '理由最多 2000 个字'),
      }),
    },
  }, async (req) => {
    const m = await commentOf(req.actor, req.params.id, '只有办理单位的工作人员可以答复意见');
    return change(req, m, 'consultation.comment.answer',
      (now) => ({ answer: req.body.answer, answerReason: req.body.reason, answeredBy: req.actor.userId, answeredAt: now }), { answer: req.body.answer },
      (at) => ({ id: m.id, answer: req.body.answer, answerReason: req.body.reason, answeredAt: at }),
      (status) => (status === 'hidden' ? '该意见已不予展示，请先恢复展示再答复' : null));
  });
  app.post('/consultations/comments/:id/hide', {
    schema: {
      tags, summary: '不予展示一条意见（写明理由，如含人身攻击、广告、与草案无关）', params: z.object({ id: zUuid }),
      body: z.object({ reason: z.string('请写明不予展示的理由').trim().min(4, '请写明不予展示的理由（至少 4 个字）').max(500, '理由最多 500 个字') }),
    },
  }, async (req) => {
    const m = await commentOf(req.actor, req.params.id, '只有办理单位的工作人员可以审核意见');
    return change(req, m, 'consultation.comment.hide', () => ({ status: 'hidden', hiddenReason: req.body.reason }), { reason: req.body.reason },
      () => ({ id: m.id, status: 'hidden' }), (status) => (status === 'hidden' ? '该意见已不予展示' : null));
  });
  app.post('/consultations/comments/:id/show', {
    schema: { tags, summary: '恢复展示一条意见', params: z.object({ id: zUuid }) },
  }, async (req) => {
    const m = await commentOf(req.actor, req.params.id, '只有办理单位的工作人员可以审核意见');
    return change(req, m, 'consultation.comment.show', () => ({ status: 'shown', hiddenReason: null }), {}, () => ({ id: m.id, status: 'shown' }),
      (status) => (status === 'shown' ? '该意见正在展示，无需恢复' : null));
  });
}
