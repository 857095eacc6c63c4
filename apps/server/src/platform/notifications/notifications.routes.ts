import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import type { Actor } from '../authz.ts';
import { notFound } from '../http/problem.ts';
import { zUuid } from '../http/validation.ts';

/**
 * The console's inbox: the caller's own in-app notices (to them) and their units' (to an org they hold a role on). A
 * notice to a user is read on its row (read_at); a unit's notice is read by each member for themselves (notification_reads).
 */
export async function notificationRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const who = (actor: Actor) => ({ userId: actor.userId as string, orgIds: [...new Set(actor.grants.map((g) => g.orgId))] });
  /** The caller's in-app notices, with `readAt` as it is for them. */
  const mine = ({ userId, orgIds }: { userId: string; orgIds: string[] }) => ctx.db.selectFrom('notifications as n')
    .leftJoin('notificationReads as r', (j) => j.onRef('r.notificationId', '=', 'n.id').on('r.userId', '=', userId))
    .where('n.channel', '=', 'inapp')
    .where((eb) => eb.or([eb('n.userId', '=', userId), ...(orgIds.length ? [eb('n.orgId', 'in', orgIds)] : [])]));
  /** Unread for the caller: a user's notice not read, or a unit's notice no one marked read for all (before per-user reads) and they have not. */
  const unread = (q: ReturnType<typeof mine>) => q.where('n.readAt', 'is', null).where('r.userId', 'is', null);

  app.get('/notifications', { schema: { tags: ['通知'], summary: '我的站内通知', querystring: z.object({ unread: z.enum(['true', 'false']).optional() }) } }, async (req) => {
    let q = mine(who(req.actor));
    if (req.query.unread === 'true') q = unread(q);
    const rows = await q.select(['n.id', 'n.title', 'n.body', 'n.caseId', 'n.createdAt', 'n.readAt', 'r.readAt as myReadAt'])
      .orderBy('n.createdAt', 'desc').limit(100).execute();
    return rows.map((r) => {
      const readAt = r.readAt ?? r.myReadAt;
      return { id: r.id, title: r.title, body: r.body, caseId: r.caseId, createdAt: r.createdAt.toISOString(), readAt: readAt ? readAt.toISOString() : null };
    });
  });

  // The console's bell polls this: one count over the caller's own notices (their user and their orgs).
  app.get('/notifications/unread-count', { schema: { tags: ['通知'], summary: '未读通知数' } }, async (req) => {
    const r = await unread(mine(who(req.actor))).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { unread: Number(r.n) };
  });

  app.post('/notifications/read-all', { schema: { tags: ['通知'], summary: '全部标为已读' } }, async (req) => {
    const me = who(req.actor);
    const now = ctx.clock.now();
    const marked = await ctx.db.transaction().execute(async (trx) => {
      const own = await trx.updateTable('notifications').set({ readAt: now }).where('channel', '=', 'inapp').where('readAt', 'is', null)
        .where('userId', '=', me.userId).executeTakeFirst();
      if (!me.orgIds.length) return Number(own.numUpdatedRows);
      const units = await trx.insertInto('notificationReads')
        .columns(['notificationId', 'userId', 'readAt'])
        .expression((eb) => eb.selectFrom('notifications').select(['id', eb.val(me.userId).as('userId'), eb.val(now).as('readAt')])
          .where('channel', '=', 'inapp').where('readAt', 'is', null).where('orgId', 'in', me.orgIds))
        .onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return Number(own.numUpdatedRows) + Number(units.numInsertedOrUpdatedRows ?? 0);
    });
    return { ok: true, marked };
  });

  app.post('/notifications/:id/read', { schema: { tags: ['通知'], summary: '标为已读', params: z.object({ id: zUuid }) } }, async (req) => {
    const me = who(req.actor);
    const n = await mine(me).select(['n.id', 'n.userId']).where('n.id', '=', req.params.id).executeTakeFirst();
    if (!n) throw notFound('通知');
    const now = ctx.clock.now();
    if (n.userId === me.userId) await ctx.db.updateTable('notifications').set({ readAt: now }).where('id', '=', n.id).where('readAt', 'is', null).execute();
    else await ctx.db.insertInto('notificationReads').values({ notificationId: n.id, userId: me.userId, readAt: now }).onConflict((oc) => oc.doNothing()).execute();
    return { ok: true };
  });
}
