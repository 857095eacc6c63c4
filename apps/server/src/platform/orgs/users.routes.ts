import { forgetAuth } from '../auth/token-cache.ts';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { assertCan, policy, TOKEN_SCOPE_KEYS, type Actor } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { runCommand } from '../http/idempotency.ts';
import { zBool, zUuid } from '../http/validation.ts';
import { AppError, notFound } from '../http/problem.ts';
import { randomToken, sm3 } from '../crypto/sm.ts';
import { readTable, sendXlsx } from '../io/tabular.ts';
import { createUserInTrx } from './users.store.ts';
import { clearThrottle } from '../auth/throttle.ts';

const zRole = z.string().trim().min(1, '请选择角色').max(40).refine((r) => policy.roles.has(r), '未知角色（可用角色见 GET /api/v1/roles）');
const GrantBody = z.object({ role: zRole, orgId: zUuid, subtree: z.boolean().default(false) });
const NewUserBody = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,32}$/, '3–32 位字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '必填').max(50),
  orgId: zUuid,
  password: z.string().min(1, '必填'),
  phone: z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确').nullish(),
  grants: z.array(z.object({ role: zRole, orgId: zUuid.optional(), subtree: z.boolean().optional() })).default([]),
});
const IdParams = z.object({ id: zUuid });
const who = (a: Actor, ip: string) => ({ id: a.userId, name: a.name, ip });

export async function userRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/users', {
    schema: { tags: ['用户'], summary: '用户列表', querystring: z.object({ q: z.string().max(50).optional(), orgId: zUuid.optional(), format: z.enum(['json', 'xlsx']).default('json') }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'user.manage');
    let q = ctx.db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.orgId')
      .select(['users.id', 'users.username', 'users.displayName', 'users.orgId', 'orgs.name as orgName', 'users.status', 'users.lockedUntil', 'users.createdAt']);
    if (req.query.q) q = q.where((eb) => eb.or([eb('users.username', 'ilike', `%${req.query.q}%`), eb('users.displayName', 'ilike', `%${req.query.q}%`)]));
    if (req.query.orgId) q = q.where('users.orgId', '=', req.query.orgId);
    const users = await q.orderBy('users.username').limit(1000).execute();
    const grants = await ctx.db.selectFrom('roleGrants').innerJoin('orgs', 'orgs.id', 'roleGrants.orgId')
      .select(['roleGrants.id', 'roleGrants.userId', 'roleGrants.role', 'roleGrants.orgId', 'orgs.name as orgName', 'roleGrants.subtree'])
      .where('roleGrants.revokedAt', 'is', null).execute();
    const items = users.map((u) => ({
      ...u, lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null, createdAt: u.createdAt.toISOString(),
      grants: grants.filter((g) => g.userId === u.id).map((g) => ({ ...g, roleLabel: policy.roles.get(g.role)?.label ?? g.role })),
    }));
    if (req.query.format === 'xlsx') {
      return sendXlsx(reply, '用户', [
        { key: 'username', label: '用户名' }, { key: 'displayName', label: '姓名' }, { key: 'orgName', label: '机构' }, { key: 'status', label: '状态' },
        { key: 'grants', label: '角色', value: (r) => (r.grants as { roleLabel: string; orgName: string; subtree: boolean }[]).map((g) => `${g.roleLabel}@${g.orgName}${g.subtree ? '（含下级）' : ''}`).join('；') },
      ], items);
    }
    return items;
  });

  app.post('/users', { schema: { tags: ['用户'], summary: '新建用户', body: NewUserBody } }, async (req, reply) => {
    assertCan(req.actor, 'user.manage');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, { ...req.body, password: sm3(req.body.password) }, async (trx) => {
      const id = await createUserInTrx(trx, ctx.crypto, { ...req.body, mustChangePassword: true }, req.actor.userId);
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'user.create', targetType: 'user', targetId: id, detail: { username: req.body.username, grants: req.body.grants } }, ctx.clock.now());
      return { status: 201, body: { id } };
    });
    return reply.status(r.status).send(r.body);
  });

  app.post('/users/:id/grants', { schema: { tags: ['用户'], summary: '授予角色', params: IdParams, body: GrantBody } }, async (req, reply) => {
    assertCan(req.actor, 'user.manage');
    const id = await ctx.db.transaction().execute(async (trx) => {
      const u = await trx.selectFrom('users').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!u) throw notFound('用户');
      const g = await trx.insertInto('roleGrants').values({ userId: u.id, role: req.body.role, orgId: req.body.orgId, subtree: req.body.subtree, grantedBy: req.actor.userId }).returning('id').executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'user.grant', targetType: 'user', targetId: u.id, detail: req.body }, ctx.clock.now());
      return g.id;
    });
    return reply.status(201).send({ id });
  });

  app.post('/users/:id/grants/:grantId/revoke', { schema: { tags: ['用户'], summary: '撤销角色', params: z.object({ id: zUuid, grantId: zUuid }) } }, async (req) => {
    assertCan(req.actor, 'user.manage');
    await ctx.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('roleGrants').set({ revokedAt: ctx.clock.now() }).where('id', '=', req.params.grantId).where('userId', '=', req.params.id).where('revokedAt', 'is', null).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw notFound('授权');
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'user.revoke', targetType: 'user', targetId: req.params.id, detail: { grantId: req.params.grantId } }, ctx.clock.now());
    });
    return { ok: true };
  });

  app.post('/users/:id/unlock', { schema: { tags: ['用户'], summary: '解除锁定（该账号的全部地址）', params: IdParams } }, async (req) => {
    assertCan(req.actor, 'user.manage');
    await ctx.db.transaction().execute(async (trx) => {
      const u = await trx.updateTable('users').set({ lockedUntil: null, failedLogins: 0 }).where('id', '=', req.params.id)
        .returning('username').executeTakeFirst();
      if (!u) throw notFound('用户');
      await clearThrottle(trx, u.username);
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'user.unlock', targetType: 'user', targetId: req.params.id }, ctx.clock.now());
    });
    return { ok: true };
  });

  app.post('/users/:id/status', { schema: { tags: ['用户'], summary: '启用或停用', params: IdParams, body: z.object({ status: z.enum(['active', 'disabled']) }) } }, async (req) => {
    assertCan(req.actor, 'user.manage');
    await ctx.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('users').set({ status: req.body.status }).where('id', '=', req.params.id).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw notFound('用户');
      if (req.body.status === 'disabled') await trx.updateTable('sessions').set({ revokedAt: ctx.clock.now() }).where('userId', '=', req.params.id).where('revokedAt', 'is', null).execute();
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: `user.${req.body.status}`, targetType: 'user', targetId: req.params.id }, ctx.clock.now());
    });
    return { ok: true };
  });

  app.post('/users/import', { schema: { tags: ['用户'], summary: '导入用户（CSV/XLSX，列：用户名,姓名,机构编码,角色,含下级,手机,初始密码）' } }, async (req) => {
    assertCan(req.actor, 'user.manage');
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', '请上传文件', { errors: [{ path: 'body.file', message: '请上传 CSV 或 XLSX 文件' }] });
    let table;
    try { table = await readTable(await file.toBuffer(), file.filename); } catch (e) { throw new AppError('unsupported_media_type', (e as Error).message); }
    const rejected: { row: number; errors: { column: string; message: string }[] }[] = [];
    let imported = 0;
    const roleByLabel = (s: string): string | undefined => (policy.roles.has(s) ? s : [...policy.roles].find(([, r]) => r.label === s || r.label.startsWith(s))?.[0]);
    for (const { row, values } of table.rows) {
      const errors: { column: string; message: string }[] = [];
      const org = await ctx.db.selectFrom('orgs').select('id').where('code', '=', values['机构编码'] ?? '').executeTakeFirst();
      if (!org) errors.push({ column: '机构编码', message: '找不到该机构' });
      const roles = (values['角色'] ?? '').split(/[,，;；、]/).map((s) => s.trim()).filter(Boolean);
      const grants = roles.map((r) => roleByLabel(r));
      if (grants.some((g) => !g)) errors.push({ column: '角色', message: `未知角色：${roles.filter((_, i) => !grants[i]).join('、')}` });
      if (errors.length) { rejected.push({ row, errors }); continue; }
      try {
        await ctx.db.transaction().execute(async (trx) => {
          const id = await createUserInTrx(trx, ctx.crypto, {
            username: values['用户名'] ?? '', displayName: values['姓名'] ?? '', orgId: org!.id, password: values['初始密码'] ?? '',
            phone: values['手机'] || null, mustChangePassword: true,
            grants: grants.map((g) => ({ role: g as string, subtree: ['是', 'Y', 'y', 'true', '1'].includes(values['含下级'] ?? '') })),
          }, req.actor.userId, 'row');
          await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'user.import', targetType: 'user', targetId: id, detail: { row, username: values['用户名'] } }, ctx.clock.now());
        });
        imported++;
      } catch (e) {
        if (e instanceof AppError && e.extra.errors) {
          const colOf: Record<string, string> = { username: '用户名', password: '初始密码', orgId: '机构编码', displayName: '姓名' };
          rejected.push({ row, errors: e.extra.errors.map((x) => ({ column: colOf[x.path.split('.')[1]] ?? x.path, message: x.message })) });
        } else throw e;
      }
    }
    return { total: table.rows.length, imported, rejected };
  });

  app.get('/roles', { schema: { tags: ['用户'], summary: '可授予的角色（平台与各模块声明的）' } }, async (req) => {
    assertCan(req.actor, 'org.view');
    return [...policy.roles].map(([key, r]) => ({ key, label: r.label, description: r.description ?? null, module: r.module }));
  });

  // ---- API tokens ----
  app.get('/tokens', { schema: { tags: ['令牌'], summary: 'API 令牌' } }, async (req) => {
    assertCan(req.actor, 'token.manage');
    const rows = await ctx.db.selectFrom('apiTokens').innerJoin('users', 'users.id', 'apiTokens.userId')
      .select(['apiTokens.id', 'apiTokens.name', 'apiTokens.prefix', 'apiTokens.scopes', 'apiTokens.createdAt', 'apiTokens.expiresAt', 'apiTokens.lastUsedAt', 'apiTokens.revokedAt', 'users.username'])
      .orderBy('apiTokens.createdAt', 'desc').execute();
    return rows;
  });

  app.post('/tokens', {
    schema: { tags: ['令牌'], summary: '签发 API 令牌（令牌只显示一次）', body: z.object({
      name: z.string().trim().min(2, '至少 2 个字').max(100),
      scopes: z.array(z.enum(TOKEN_SCOPE_KEYS, `权限范围应为 ${TOKEN_SCOPE_KEYS.join('/')} 之一`)).min(1, '至少选择一个权限范围'),
      expiresAt: z.iso.datetime({ offset: true, message: '应为 ISO 时间' }).nullish(),
      userId: zUuid.optional(),
    }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'token.manage');
    if (req.body.userId && !(await ctx.db.selectFrom('users').select('id').where('id', '=', req.body.userId).executeTakeFirst())) {
      throw new AppError('validation_failed', '令牌所属用户不存在', { errors: [{ path: 'body.userId', message: '用户不存在' }] });
    }
    const token = `yifa_${randomToken(24)}`;
    const row = await ctx.db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('apiTokens').values({
        name: req.body.name, tokenHash: sm3(token), prefix: token.slice(0, 9), userId: req.body.userId ?? (req.actor.userId as string),
        scopes: req.body.scopes, expiresAt: req.body.expiresAt ?? null,
      }).returning(['id', 'name', 'scopes', 'prefix']).executeTakeFirstOrThrow();
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'token.create', targetType: 'token', targetId: r.id, detail: { name: r.name, scopes: r.scopes } }, ctx.clock.now());
      return r;
    });
    return reply.status(201).send({ ...row, token });
  });

  app.post('/tokens/:id/revoke', { schema: { tags: ['令牌'], summary: '吊销令牌', params: IdParams } }, async (req) => {
    assertCan(req.actor, 'token.manage');
    await ctx.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('apiTokens').set({ revokedAt: ctx.clock.now() }).where('id', '=', req.params.id).where('revokedAt', 'is', null).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw notFound('令牌');
      await appendAuditInTrx(trx, who(req.actor, req.ip), { action: 'token.revoke', targetType: 'token', targetId: req.params.id }, ctx.clock.now());
    });
    // Committed: the token fails at once in this process (other processes within config.authCacheMs).
    forgetAuth();
    return { ok: true };
  });
  void zBool;
}
