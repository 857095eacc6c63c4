import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { assertCan } from '../authz.ts';
import { notFound } from '../http/problem.ts';
import { zDate, zLimit, zUuid } from '../http/validation.ts';
import { sendXlsx } from '../io/tabular.ts';
import { endOfLegalDate, startOfLegalDate } from '@yifa/contracts';
import { getTask, startTask } from '../tasks.ts';
import { verifyChains } from './chain.ts';
import { createCheckpoint, listCheckpoints, verifyAgainstCheckpoint } from './checkpoints.ts';
import { auditLabels, auditTargetNames } from './labels.ts';

export async function auditRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const labels = auditLabels(ctx.registry);

  app.get('/audit', {
    schema: { tags: ['审计'], summary: '审计日志', querystring: z.object({
      action: z.string().max(60).optional(), actorId: zUuid.optional(), targetType: z.string().max(40).optional(), targetId: z.string().max(80).optional(),
      from: zDate.optional(), to: zDate.optional(), cursor: z.coerce.number().int().optional(), limit: zLimit, format: z.enum(['json', 'xlsx']).default('json'),
    }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'audit.view');
    const q = req.query;
    let query = ctx.db.selectFrom('auditLog').selectAll();
    if (q.action) query = query.where('action', 'like', `${q.action}%`);
    if (q.actorId) query = query.where('actorId', '=', q.actorId);
    if (q.targetType) query = query.where('targetType', '=', q.targetType);
    if (q.targetId) query = query.where('targetId', '=', q.targetId);
    if (q.from) query = query.where('occurredAt', '>=', startOfLegalDate(q.from));
    if (q.to) query = query.where('occurredAt', '<=', endOfLegalDate(q.to));
    if (q.cursor) query = query.where('id', '<', String(q.cursor) as never);
    const limit = q.format === 'xlsx' ? 50000 : q.limit;
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const names = await auditTargetNames(ctx.db, rows);
    // the codes stay (filters, the chain); the labels are what people read
    const items = rows.slice(0, limit).map((r) => ({
      ...r, seq: Number(r.seq), occurredAt: r.occurredAt.toISOString(),
      actionLabel: labels.action(r.action), targetLabel: labels.target(r.targetType), targetName: (r.targetId && names.get(r.targetId)) ?? null,
    }));
    if (q.format === 'xlsx') {
      return sendXlsx(reply, '审计日志', [
        { key: 'seq', label: '序号' }, { key: 'occurredAt', label: '时间' }, { key: 'actorName', label: '操作人' }, { key: 'ip', label: 'IP' },
        { key: 'actionLabel', label: '操作' }, { key: 'targetLabel', label: '对象类型' }, { key: 'targetName', label: '对象', value: (r) => r.targetName ?? r.targetId },
        { key: 'action', label: '操作代码' }, { key: 'targetId', label: '对象标识' },
        { key: 'detail', label: '详情', value: (r) => JSON.stringify(r.detail) }, { key: 'hash', label: 'SM3' },
      ], items);
    }
    return { items, nextCursor: rows.length > limit ? Number(items[items.length - 1].id) : null };
  });

  app.post('/tasks/audit-verify', { schema: { tags: ['审计'], summary: '校验事件与审计哈希链（后台任务）' } }, async (req, reply) => {
    assertCan(req.actor, 'audit.view');
    const t = startTask('audit-verify', req.actor.userId, async (progress) => {
      const r = await verifyChains(ctx.db, progress);
      // and against every checkpoint stored here (a supervisor's own copy is checked with `yifa audit verify --checkpoint FILE`)
      const cps = await listCheckpoints(ctx, 1000);
      for (const cp of cps) r.problems.push(...await verifyAgainstCheckpoint(ctx.db, cp, { crypto: ctx.crypto }));
      return { ...r, checkpoints: cps.length, ok: r.problems.length === 0 };
    });
    return reply.status(202).send({ taskId: t.id });
  });

  app.post('/audit/checkpoints', { schema: { tags: ['审计'], summary: '立即生成一个签名校验点（各审计链链头、案件事件摘要）' } }, async (req, reply) => {
    assertCan(req.actor, 'audit.view');
    return reply.status(201).send(await createCheckpoint(ctx));
  });

  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  app.get('/public/audit/checkpoints', {
    config: pub,
    schema: { tags: ['公众'], summary: '审计链校验点（公开，供监督方留存比对；SM2 签名）', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }) },
  }, async (req) => listCheckpoints(ctx, req.query.limit));

  app.get('/public/audit/key', { config: pub, schema: { tags: ['公众'], summary: '校验点签名公钥（SM2）' } }, async () => {
    const s = ctx.crypto.signer;
    return s ? { alg: s.alg, keyId: s.keyId, publicKey: s.publicKeyPem } : { alg: 'HMAC-SM3', keyId: 'chain', publicKey: null };
  });

  app.get('/tasks/:id', { schema: { tags: ['审计'], summary: '后台任务进度', params: z.object({ id: z.string().max(40) }) } }, async (req) => {
    const t = getTask(req.params.id);
    if (!t || (t.ownerId && t.ownerId !== req.actor.userId)) throw notFound('任务');
    return t;
  });
}
