/** 消息发送记录: the county admin's view of the SMS and e-mail outbox — recipients masked, never decrypted here. */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { assertCan } from '../authz.ts';
import { CHANNEL_LABEL, NOTICE_EVENTS } from './notices.ts';

export const OUTBOX_ROUTE_ACCESS = { 'GET /notifications/outbox': 'notices.view' } as const;
const STATUS_LABEL = { pending: '待发送', sent: '已发送', failed: '发送失败' } as const;
const TRANSPORT_LABEL: Record<string, string> = { log: '仅记录（未配置网关）', gateway: '网关', inapp: '站内' };
const TEMPLATE_LABEL: Record<string, string> = { ...NOTICE_EVENTS, rating: '邀请评价' };

export async function outboxRoutes(api: FastifyInstance, ctx: Ctx): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/notifications/outbox', {
    schema: {
      tags: ['通知'], summary: '消息发送记录（短信、电子邮件；收件人脱敏）',
      querystring: z.object({
        status: z.enum(['pending', 'sent', 'failed'], '应为 pending、sent 或 failed').optional(),
        channel: z.enum(['sms', 'email'], '应为 sms 或 email').optional(),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
    },
  }, async (req) => {
    assertCan(req.actor, 'notices.view');
    const region = ctx.config.defaultRegion;
    let q = ctx.db.selectFrom('notifications as n').leftJoin('cases as c', 'c.id', 'n.caseId').leftJoin('orgs as o', 'o.id', 'n.orgId')
      .select(['n.id', 'n.channel', 'n.recipientMasked', 'n.template', 'n.title', 'n.body', 'n.status', 'n.attempts', 'n.lastError', 'n.transport',
        'n.createdAt', 'n.sentAt', 'n.caseId', 'c.number as caseNumber'])
      .where('n.channel', 'in', req.query.channel ? [req.query.channel] : ['sms', 'email'])
      .where((eb) => eb.or([eb('c.regionCode', '=', region), eb('o.regionCode', '=', region)]));
    if (req.query.status) q = q.where('n.status', '=', req.query.status);
    const rows = await q.orderBy('n.createdAt', 'desc').orderBy('n.id').limit(req.query.limit).execute();
    return rows.map((r) => ({
      ...r, channelLabel: CHANNEL_LABEL[r.channel], statusLabel: STATUS_LABEL[r.status],
      templateLabel: r.template ? TEMPLATE_LABEL[r.template] ?? r.template : null,
      transportLabel: r.transport ? TRANSPORT_LABEL[r.transport] ?? r.transport : null,
      createdAt: r.createdAt.toISOString(), sentAt: r.sentAt ? r.sentAt.toISOString() : null,
    }));
  });
}
