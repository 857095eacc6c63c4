import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { notFound } from '../http/problem.ts';
import { zUuid } from '../http/validation.ts';

export async function notificationRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const mine = (userId: string, orgIds: string[]) => ctx.db.selectFrom('notifications').where('channel', '=', 'inapp')
    .where((eb) => eb.or([eb('userId', '=', userId), ...(orgIds.length ? [eb('orgId', 'in', orgIds)] : [])]));

  app.get('/notifications', { schema: { tags: ['通知'], summary: '我的站内通知', querystring: z.object({ unread: z.enum(['true', 'false']).optional() }) } }, async (req) => {
    const orgIds = req.actor.grants.map((g) => g.orgId);
    let q = mine(req.actor.userId as string, orgIds).selectAll();
    if (req.query.unread === 'true') q = q.where('readAt', 'is', null);
    const rows = await q.orderBy('createdAt', 'desc').limit(100).execute();
    return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, caseId: r.caseId, createdAt: r.createdAt.toISOString(), readAt: r.readAt ? r.readAt.toISOString() : null }));
  });

  // The console's bell polls this: one count over the caller's own notices (their user and their orgs).
  app.get('/notifications/unread-count', { schema: { tags: ['通知'], summary: '未读通知数' } }, async (req) => {
    const orgIds = req.actor.grants.map((g) => g.orgId);
    const r = await mine(req.actor.userId as string, orgIds).where('readAt', 'is', null).select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { unread: Number(r.n) };
  });

  app.post('/notifications/read-all', { schema: { tags: ['通知'], summary: '全部标为已读' } }, async (req) => {
    const orgIds = req.actor.grants.map((g) => g.orgId);
    const r = await ctx.db.updateTable('notifications').set({ readAt: ctx.clock.now() }).where('channel', '=', 'inapp').where('readAt', 'is', null)
      .where((eb) => eb.or([eb('userId', '=', req.actor.userId as string), ...(orgIds.length ? [eb('orgId', 'in', orgIds)] : [])]))
      .executeTakeFirst();
    return { ok: true, marked: Number(r.numUpdatedRows) };
  });

  app.post('/notifications/:id/read', { schema: { tags: ['通知'], summary: '标为已读', params: z.object({ id: zUuid }) } }, async (req) => {
    const orgIds = req.actor.grants.map((g) => g.orgId);
    const n = await mine(req.actor.userId as string, orgIds).select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!n) throw notFound('通知');
    await ctx.db.updateTable('notifications').set({ readAt: ctx.clock.now() }).where('id', '=', n.id).execute();
    return { ok: true };
  });
}
