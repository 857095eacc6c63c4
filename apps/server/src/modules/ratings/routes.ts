import { z } from 'zod';
import { endOfLegalDate, legalDateOf, startOfLegalDate } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import { assertCan, can, type Actor } from '../../platform/authz.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { factorFits, orgPathsOfCase, type TrackFactor } from '../../platform/cases/case-queries.ts';
import { CHANNEL_LABEL, LEVEL_LABEL, rectificationWorkflow } from './workflow.ts';
import { applyDefaultRatingsInTrx, rateInTrx } from './store.ts';
import { zDate, zUuid } from '../../platform/http/validation.ts';
import type { MetricGroup, MetricScope } from '../../platform/metrics/registry.ts';

const zLevel = z.number().int('应为 1–5 的整数').min(1, '1=非常不满意 … 5=非常满意').max(5, '1=非常不满意 … 5=非常满意');
const zNumber = z.string().trim().min(3, '请输入办件编号').max(40);
const zPhone = z.string().trim().regex(/^1\d{10}$/, '请输入办理时登记的 11 位手机号');
const zCode = z.string().trim().min(4, '请输入回执上的查询码').max(12, '请输入回执上的查询码');
/** The tracking factor: the phone given, or the code on the receipt (the same as the tracking page's). */
const factor = { phone: zPhone.optional(), code: zCode.optional() };
const needFactor = (v: { phone?: string; code?: string }, c: z.RefinementCtx) => {
  if (!v.phone && !v.code) c.addIssue({ code: 'custom', path: ['phone'], message: '请输入办理时登记的手机号或回执上的查询码' });
};

const region = (ctx: Ctx) => ctx.config.defaultRegion;

export async function ratingsRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };

  /** The invitations of a case number, if the factor fits the case (the phone of a party, or the receipt's code). */
  const invitationFor = async (number: string, f: TrackFactor) => {
    const c = await ctx.db.selectFrom('cases').select(['id', 'number', 'title']).where('regionCode', '=', region(ctx))
      .where('number', '=', number.trim().toUpperCase()).executeTakeFirst();
    if (!c || !(await factorFits(ctx, ctx.db, c.id, f))) {
      throw new AppError('not_found', '办件编号与手机号（或查询码）不匹配', { errors: [{ path: 'body.number', message: '请核对办件编号和办理时登记的手机号或回执上的查询码' }] });
    }
    const invs = await ctx.db.selectFrom('ratingsInvitations').selectAll().where('caseId', '=', c.id).orderBy('handlingNo', 'desc').execute();
    return { c, invs };
  };

  app.post('/public/ratings/lookup', {
    config: pub, schema: { tags: ['公众'], summary: '查询可评价的办件（办件编号 + 手机号或查询码）', body: z.object({ number: zNumber, ...factor }).superRefine(needFactor) },
  }, async (req) => {
    const { c, invs } = await invitationFor(req.body.number, req.body);
    const rated = await ctx.db.selectFrom('ratingsRatings as r').leftJoin('cases as rc', 'rc.id', 'r.rectificationCaseId')
      .select(['r.id', 'r.level', 'r.ratedAt', 'r.followupLevel', 'rc.state as rectificationState', 'rc.data as rectificationData', 'r.excluded'])
      .where('r.caseId', '=', c.id).orderBy('r.ratedAt', 'desc').execute();
    return {
      number: c.number, title: c.title,
      open: invs.filter((i) => i.status === 'open').map((i) => ({ invitationId: i.id, handlingNo: i.handlingNo, itemName: i.itemName })),
      ratings: rated.map((r) => ({
        id: r.id, level: r.level, levelLabel: LEVEL_LABEL[r.level], ratedAt: r.ratedAt, followupLevel: r.followupLevel,
        rectification: r.rectificationState ? { state: r.rectificationState, feedback: (r.rectificationData as Record<string, unknown>).feedback ?? null } : null,
        canRateRectification: r.rectificationState === 'rectified' && r.followupLevel === null,
      })),
    };
  });

  app.post('/public/ratings', {
    config: pub,
    schema: {
      tags: ['公众'], summary: '评价（一次一评、一事一评；不满意/非常不满意自动进入差评整改）',
      body: z.object({
        number: zNumber, ...factor, level: zLevel, comment: z.string().trim().max(500, '最多 500 个字').optional(),
        channel: z.enum(['online', 'sms'], '应为 online 或 sms').default('online'),
      }).superRefine(needFactor),
    },
  }, async (req, reply) => {
    const { invs } = await invitationFor(req.body.number, req.body);
    const actor = { ...req.actor, name: '评价人（网上）' };
    const r = await runCommand(ctx, actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const open = invs.find((i) => i.status === 'open');
      if (!open) {
        if (invs.length) throw new AppError('conflict', '该次办理已评价（一次一评、一事一评），不能重复评价');
        throw new AppError('conflict', '办件尚未办结，办结后才能评价');
      }
      const x = await rateInTrx(ctx, trx, open.id,
        { level: req.body.level, channel: req.body.channel, comment: req.body.comment, raterPhone: req.body.phone ?? null, active: true }, actor);
      return { status: 201, body: { ...x, levelLabel: LEVEL_LABEL[req.body.level] } };
    });
    return reply.status(r.status).send(r.body);
  });

  app.post('/public/ratings/:id/followup', {
    config: pub,
    schema: {
      tags: ['公众'], summary: '评价人对差评整改结果作出评价', params: z.object({ id: zUuid }),
      body: z.object({ number: zNumber, ...factor, level: zLevel }).superRefine(needFactor),
    },
  }, async (req) => {
    const { c } = await invitationFor(req.body.number, req.body);
    return ctx.db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('ratingsRatings as r').leftJoin('cases as rc', 'rc.id', 'r.rectificationCaseId').select(['r.id', 'r.followupLevel', 'rc.state', 'r.regionCode'])
        .where('r.id', '=', req.params.id).where('r.caseId', '=', c.id).executeTakeFirst();
      if (!r) throw notFound('评价');
      if (r.state !== 'rectified') throw new AppError('conflict', '整改尚未完成，完成后才能评价整改结果');
      if (r.followupLevel !== null) throw new AppError('conflict', '已评价过整改结果');
      const u = await trx.updateTable('ratingsRatings').set({ followupLevel: req.body.level, followupAt: ctx.clock.now() }).where('id', '=', r.id).where('followupLevel', 'is', null).executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) throw new AppError('conflict', '已评价过整改结果');
      await appendAuditInTrx(trx, { id: null, name: '评价人（网上）', ip: req.ip }, { action: 'ratings.followup', targetType: 'ratings_rating', targetId: r.id, detail: { level: req.body.level } }, ctx.clock.now(), r.regionCode);
      return { id: r.id, followupLevel: req.body.level, levelLabel: LEVEL_LABEL[req.body.level] };
    });
  });

  // 窗口评价器 / 12345 回访: staff record the rating given by the person served.
  app.post('/ratings', {
    schema: {
      tags: ['好差评'], summary: '登记评价（窗口评价器、12345 回访）',
      body: z.object({
        caseNumber: zNumber, level: zLevel, channel: z.enum(['window', 'hotline'], '应为 window（窗口评价器）或 hotline（12345）'),
        comment: z.string().trim().max(500).optional(), raterName: z.string().trim().min(2).max(50).optional(), raterPhone: zPhone.optional(),
      }),
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'case.view');
    const c = await ctx.db.selectFrom('cases').select(['id']).where('regionCode', '=', region(ctx)).where('number', '=', req.body.caseNumber).executeTakeFirst();
    if (!c || !can(req.actor, 'case.view', { orgPaths: await orgPathsOfCase(ctx.db, c.id) })) throw new AppError('not_found', '办件不存在或您无权查看', { errors: [{ path: 'body.caseNumber', message: '找不到该办件' }] });
    assertCan(req.actor, 'ratings.record', { orgPaths: await orgPathsOfCase(ctx.db, c.id) }, '只有窗口或 12345 工作人员可以登记评价');
    const inv = await ctx.db.selectFrom('ratingsInvitations').selectAll().where('caseId', '=', c.id).orderBy('handlingNo', 'desc').executeTakeFirst();
    if (!inv) throw new AppError('conflict', '办件尚未办结，办结后才能评价');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const x = await rateInTrx(ctx, trx, inv.id, { level: req.body.level, channel: req.body.channel, comment: req.body.comment, raterName: req.body.raterName, raterPhone: req.body.raterPhone, active: true }, req.actor);
      return { status: 201, body: x };
    });
    return reply.status(r.status).send(r.body);
  });

  app.post('/ratings/defaults', { schema: { tags: ['好差评'], summary: '为超过设定天数未评价的办件生成系统默认评价（与主动评价分开统计）' } }, async (req) => {
    assertCan(req.actor, 'ratings.defaults.run', {}, '只有管理员可以执行');
    const n = await ctx.db.transaction().execute((trx) => applyDefaultRatingsInTrx(ctx, trx, region(ctx)));
    return { defaulted: n };
  });

  const visibleOrgFilter = (actor: Actor) => actor.grants.map((g) => g.orgPath);

  app.get('/ratings', {
    schema: {
      tags: ['好差评'], summary: '评价列表 / 差评台账',
      querystring: z.object({ bad: z.enum(['true', 'false']).optional(), channel: z.enum(['window', 'online', 'sms', 'hotline']).optional(), from: zDate.optional(), to: zDate.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    },
  }, async (req) => {
    assertCan(req.actor, 'case.view');
    const paths = visibleOrgFilter(req.actor);
    if (paths.length === 0) return [];
    let q = ctx.db.selectFrom('ratingsRatings as r').innerJoin('orgs as o', 'o.id', 'r.orgId').leftJoin('cases as rc', 'rc.id', 'r.rectificationCaseId')
      .select(['r.id', 'r.caseNumber', 'r.caseType', 'r.itemName', 'o.name as orgName', 'r.level', 'r.channel', 'r.comment', 'r.active', 'r.realName', 'r.raterPhoneMasked', 'r.ratedAt',
        'r.excluded', 'r.excludedReason', 'r.followupLevel', 'rc.id as rectificationCaseId', 'rc.number as rectificationNumber', 'rc.state as rectificationState', 'rc.dueAt as rectificationDueAt', 'rc.warningLevel'])
      .where('r.regionCode', '=', region(ctx))
      // Visible: the rated org is in the actor's scope, or the rectification case is held (e.g. supervised) by an org in scope.
      .where((w) => w.or([
        ...paths.map((p) => w('o.path', 'like', `${p}%`)),
        w.exists(w.selectFrom('caseOrgs as co').innerJoin('orgs as o2', 'o2.id', 'co.orgId').select('co.caseId').whereRef('co.caseId', '=', 'r.rectificationCaseId').where('co.until', 'is', null)
          .where((w2) => w2.or(paths.map((p) => w2('o2.path', 'like', `${p}%`))))),
      ]));
    if (req.query.bad === 'true') q = q.where('r.level', '<=', 2);
    if (req.query.bad === 'false') q = q.where('r.level', '>=', 3);
    if (req.query.channel) q = q.where('r.channel', '=', req.query.channel);
    if (req.query.from) q = q.where('r.ratedAt', '>=', startOfLegalDate(req.query.from));
    if (req.query.to) q = q.where('r.ratedAt', '<=', endOfLegalDate(req.query.to));
    const rows = await q.orderBy('r.ratedAt', 'desc').limit(req.query.limit).execute();
    const states = rectificationWorkflow.states as Record<string, { label: string }>;
    return rows.map((r) => ({ ...r, levelLabel: LEVEL_LABEL[r.level], channelLabel: CHANNEL_LABEL[r.channel], rectificationStateLabel: r.rectificationState ? states[r.rectificationState]?.label ?? r.rectificationState : null }));
  });

  app.get('/public/ratings/ranking', {
    config: pub, schema: { tags: ['公众'], summary: '好差评排名（按单位；申诉成立的评价不计入）', querystring: z.object({ from: zDate.optional(), to: zDate.optional() }) },
  }, async (req) => {
    const today = legalDateOf(ctx.clock.now());
    const from = req.query.from ?? `${today.slice(0, 4)}-01-01`;
    const to = req.query.to ?? today;
    if (from > to) throw new AppError('validation_failed', '统计期间有误', { errors: [{ path: 'query.from', message: '开始日期不能晚于结束日期' }] });
    // The registered metrics grouped by org (评价数, 满意率, 差评数, 主动评价率, 整改率): the same figures as the dashboard, never a second count.
    const scope: MetricScope = { from, to, orgPath: null, region: region(ctx), now: ctx.clock.now() };
    const byOrg = async (key: string) => (await ctx.registry.metrics.get(key)!.compute(ctx.readDb, scope, 'org')).groups ?? [];
    const [count, satisfaction, bad, active, rectified] = await Promise.all(
      ['ratings.count', 'ratings.satisfaction_rate', 'ratings.bad_count', 'ratings.active_rate', 'ratings.rectification_rate'].map(byOrg));
    const of = (groups: MetricGroup[], key: string) => groups.find((g) => g.key === key);
    const rows = count.map((c) => ({
      orgName: c.label, n: c.value ?? 0, good: of(satisfaction, c.key)?.numerator ?? 0, bad: of(bad, c.key)?.value ?? 0,
      active: of(active, c.key)?.numerator ?? 0, rectified: of(rectified, c.key)?.numerator ?? 0, satisfaction: of(satisfaction, c.key)?.value ?? null,
    }));
    const ranked = rows.sort((a, b) => (b.satisfaction ?? 0) - (a.satisfaction ?? 0) || b.n - a.n || a.orgName.localeCompare(b.orgName, 'zh'));
    return { from, to, items: ranked.map((r, i) => ({ rank: i + 1, ...r })) };
  });
}
