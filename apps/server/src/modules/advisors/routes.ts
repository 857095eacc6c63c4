import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import { assertCan, type Actor } from '../../platform/authz.ts';
import { AppError, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { zDate, zUuid } from '../../platform/http/validation.ts';
import { assertJusticeKeeper } from '../laws/access.ts';
import { ADVISOR_KINDS, PROCUREMENTS, advisorRow } from './store.ts';

const zAdvisor = z.object({
  kind: z.enum(ADVISOR_KINDS, '请选择类别').meta({ title: '类别' }),
  name: z.string().trim().min(2, '请填写姓名').max(50, '最多 50 个字').meta({ title: '姓名' }),
  unit: z.string().trim().min(2, '请填写律师事务所或工作单位').max(100, '最多 100 个字').meta({ title: '律师事务所 / 工作单位' }),
  title: z.string().trim().max(50, '最多 50 个字').default('').meta({ title: '职务 / 职称' }),
  expertise: z.array(z.string().trim().min(2, '每个领域至少 2 个字').max(20, '最多 20 个字')).max(10, '最多 10 个领域').default([]).meta({ title: '专业领域' }),
  contractFrom: zDate.nullable().default(null).meta({ title: '聘期起' }),
  contractTo: zDate.nullable().default(null).meta({ title: '聘期止' }),
  procurement: z.enum(PROCUREMENTS, '请选择选聘方式').nullable().default(null).meta({ title: '选聘方式' }),
  status: z.enum(['active', 'ended'], '状态应为 active（在聘）或 ended（已解聘）').default('active').meta({ title: '状态' }),
}).superRefine((v, c) => {
  if (v.contractFrom && v.contractTo && v.contractTo < v.contractFrom) c.addIssue({ code: 'custom', path: ['contractTo'], message: '聘期止不能早于聘期起' });
  if (v.kind === '政府法律顾问' && (!v.contractFrom || !v.contractTo)) {
    c.addIssue({ code: 'custom', path: [!v.contractFrom ? 'contractFrom' : 'contractTo'], message: '政府法律顾问须填写聘期' });
  }
  if (v.kind === '政府法律顾问' && !v.procurement) c.addIssue({ code: 'custom', path: ['procurement'], message: '政府法律顾问须填写选聘方式' });
  if (v.kind === '合法性审查专家' && !v.expertise.length) c.addIssue({ code: 'custom', path: ['expertise'], message: '专家须填写至少一个专业领域' });
});

const region = (ctx: Ctx) => ctx.config.defaultRegion;
const ref = (a: Actor) => ({ id: a.userId, name: a.name, ip: a.ip });
const key = (req: FastifyRequest) => (req.headers['idempotency-key'] as string | undefined) ?? null;

const assertManage = (ctx: Ctx, actor: Actor) => assertJusticeKeeper(ctx, actor, 'advisors.manage', '只有管理员或司法局可以维护法律顾问和专家库');

export async function advisorsRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['法律顾问与专家库'];

  app.get('/advisors', {
    schema: {
      tags, summary: '法律顾问、公职律师和合法性审查专家（含指派、签署意见的件数）',
      querystring: z.object({ kind: z.enum(ADVISOR_KINDS, '不支持的类别').optional(), status: z.enum(['active', 'ended'], '状态应为 active 或 ended').optional(),
        expertise: z.string().trim().max(20).optional() }),
    },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    const q = req.query;
    let b = ctx.db.selectFrom('advisors as a').selectAll('a').where('a.regionCode', '=', region(ctx));
    if (q.kind) b = b.where('a.kind', '=', q.kind);
    if (q.status) b = b.where('a.status', '=', q.status);
    const rows = await b
      .select((e) => [
        e.selectFrom('advisorAssignments as s').select((x) => x.fn.countAll<number>().as('n')).whereRef('s.advisorId', '=', 'a.id').as('assigned'),
        e.selectFrom('advisorAssignments as s').select((x) => x.fn.countAll<number>().as('n')).whereRef('s.advisorId', '=',
          'a.id').where('s.signedAt', 'is not', null)
          .as('signed'),
      ])
      .orderBy('a.kind').orderBy('a.name').execute();
    const items = rows.map((r) => ({ ...r, assigned: Number(r.assigned), signed: Number(r.signed), expertise: r.expertise as string[] }))
      .filter((r) => !q.expertise || r.expertise.some((x) => x.includes(q.expertise!)));
    return { total: items.length, items };
  });

  app.get('/advisors/assignments', {
    schema: { tags, summary: '一件合法性审查的法律顾问、专家：声明与签署的意见', querystring: z.object({ caseId: zUuid }) },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    const items = await ctx.db.selectFrom('advisorAssignments as s').innerJoin('advisors as a', 'a.id', 's.advisorId')
      .select(['s.id', 's.advisorId', 'a.name', 'a.kind', 'a.unit', 's.assignedAt', 's.assignedByName', 's.declaration', 's.declarationNote',
        's.declaredAt', 's.opinion',
        's.signedAt', 's.endedAt'])
      .where('s.caseId', '=', req.query.caseId).where('s.regionCode', '=', region(ctx)).orderBy('s.assignedAt').execute();
    return { items };
  });

  app.post('/advisors', { schema: { tags, summary: '新增法律顾问、公职律师或专家（支持 Idempotency-Key）', body: zAdvisor } }, async (req, reply) => {
    await assertManage(ctx, req.actor);
    const r = await runCommand(ctx, req.actor, key(req), req.body, async (trx) => {
      const now = ctx.clock.now();
      const row = await trx.insertInto('advisors').values({ regionCode: region(ctx), ...advisorRow(req.body, now) }).returning('id').executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, ref(req.actor), { action: 'advisors.create', targetType: 'advisor', targetId: row.id, detail: { kind: req.body.kind,
        name: req.body.name } },
        now, region(ctx));
      return { status: 201, body: { id: row.id, version: 1 } };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });

  app.put('/advisors/:id', {
    schema: { tags, summary: '修改法律顾问、公职律师或专家（续聘、解聘；支持 Idempotency-Key）', params: z.object({ id: zUuid }),
      body: zAdvisor.and(z.object({ version: z.number().int().min(1, '版本号无效') })) },
  }, async (req, reply) => {
    await assertManage(ctx, req.actor);
    const r = await runCommand(ctx, req.actor, key(req), { id: req.params.id, ...req.body }, async (trx) => {
      const cur = await trx.selectFrom('advisors').selectAll().where('id', '=', req.params.id).where('regionCode', '=',
        region(ctx)).forUpdate().executeTakeFirst();
      if (!cur) throw notFound('法律顾问或专家');
      if (cur.version !== req.body.version) throw new AppError('conflict', '该条目刚被他人修改，请刷新后重试');
      const { version: _v, ...v } = req.body;
      const now = ctx.clock.now();
      const before = cur as unknown as Record<string, unknown>;
      const changed = (Object.keys(v) as (keyof typeof v)[]).filter((k) => JSON.stringify(v[k]) !== JSON.stringify(before[k]));
      await trx.updateTable('advisors').set({ ...advisorRow(v, now), version: cur.version + 1 }).where('id', '=', cur.id).execute();
      await appendAuditInTrx(trx, ref(req.actor), {
        action: 'advisors.update', targetType: 'advisor', targetId: cur.id,
        detail: { name: v.name, changed: Object.fromEntries(changed.map((k) => [k, { from: before[k] ?? null, to: v[k] }])) },
      }, now, region(ctx));
      return { status: 200, body: { id: cur.id, version: cur.version + 1 } };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });
}
