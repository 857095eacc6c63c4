import { z } from 'zod';
import type { ActionDef, FieldError } from '@yifa/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { runCommand } from '../http/idempotency.ts';
import { zBool, zLimit, zOccurredAt, zUuid, zodIssuesToFieldErrors } from '../http/validation.ts';
import { can } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { sendXlsx } from '../io/tabular.ts';
import { checkUploads, describeRule, readMultipart, storeFileInTrx, type Upload } from '../files/store.ts';
import { mayCreate, openCasePendingInTrx, performInTrx } from './engine.ts';
import { caseViewOf, caseViewRow, caseViewRowOfJson, getCaseView, inHandlingChain, listCases, trackCase } from './case-queries.ts';

const PublicCaseBody = z.object({ type: z.string().min(1, '必填').max(60), input: z.record(z.string(), z.unknown()).default({}) });
type PublicBody = z.infer<typeof PublicCaseBody>;

const jsonSchema = (s: z.ZodType | undefined) => (s ? z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }) : null);

export async function caseRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/case-types', { schema: { tags: ['案件'], summary: '案件类型与流程表（含表单 JSON Schema）' } }, async (req) => {
    return [...ctx.registry.caseTypes.values()].map(({ workflow: w }) => {
      const actions: Record<string, unknown> = {};
      for (const [state, acts] of Object.entries(w.transitions)) {
        for (const [name, a] of Object.entries(acts ?? {}) as [string, ActionDef<string>][]) {
          const prev = actions[name] as { from: string[] } | undefined;
          if (prev) { prev.from.push(state); continue; }
          actions[name] = { label: a.label, to: a.to, roles: a.roles, confirm: a.confirm, danger: a.danger ?? false, public: a.public ?? false, from: [state], schema: jsonSchema(a.input), clocks: a.clocks ?? [] };
        }
      }
      return {
        type: w.type, label: w.label, prefix: w.prefix, initial: w.initial, states: w.states, internal: w.internal ?? false,
        // an internal record (catalogue item, 权责清单 adjustment) is created on its module's own page, not from the workbench
        create: {
          label: w.create.label, roles: w.create.roles, schema: jsonSchema(w.create.input), allowed: !w.internal && mayCreate(w, req.actor), clocks: w.create.clocks ?? [],
        },
        actions,
      };
    });
  });

  // the page after "<due_at in ms, or z when none>|<case id>", as nextCursor gives it
  const zCursor = z.string().regex(/^(z|\d{1,15})\|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, '翻页位置无效，请从第一页重新查询');
  const ListQuery = z.object({
    type: z.string().max(60).optional(), state: z.string().max(60).optional(), orgId: zUuid.optional(),
    level: z.enum(['normal', 'yellow', 'red']).optional(), overdue: zBool.optional(), open: zBool.optional(), actionable: zBool.optional(),
    q: z.string().max(100).optional(), limit: zLimit, cursor: zCursor.optional(),
    format: z.enum(['json', 'xlsx']).default('json'),
  });
  app.get('/cases', { schema: { tags: ['案件'], summary: '案件列表 / 工作台（按期限排序）', querystring: ListQuery } }, async (req, reply) => {
    if (!can(req.actor, 'case.view')) throw new AppError('forbidden', '您没有查看案件的权限');
    const q = req.query;
    if (q.format === 'xlsx') {
      const all = await listCases(ctx, ctx.db, req.actor, { ...q, limit: 10000 });
      return sendXlsx(reply, '案件列表', [
        { key: 'number', label: '编号' }, { key: 'typeLabel', label: '类型' }, { key: 'title', label: '标题' }, { key: 'stateLabel', label: '状态' },
        { key: 'orgName', label: '承办机构' }, { key: 'filedOn', label: '登记日期' }, { key: 'dueAt', label: '期限' },
        { key: 'warningLevel', label: '预警', value: (r) => ({ normal: '正常', yellow: '黄牌', red: '红牌' })[r.warningLevel as string] },
      ], all.items);
    }
    return listCases(ctx, ctx.db, req.actor, q);
  });

  app.get('/cases/:id', { schema: { tags: ['案件'], summary: '案件详情：事实、当事人（脱敏）、时间线、期限及说明、可执行操作', params: z.object({ id: z.string() }) } }, async (req) => {
    return getCaseView(ctx, ctx.db, req.params.id, req.actor);
  });

  app.post('/cases', {
    schema: {
      tags: ['案件'], summary: '新建案件（支持 Idempotency-Key；occurredAt：补录此前收到的申请、来信等，按实际收到时间）',
      body: z.object({ type: z.string().min(1, '必填').max(60), input: z.record(z.string(), z.unknown()).default({}), occurredAt: zOccurredAt }),
    },
  }, async (req, reply) => {
    if (!ctx.registry.caseTypes.has(req.body.type)) throw new AppError('validation_failed', `未知的案件类型 ${req.body.type}`, { errors: [{ path: 'body.type', message: '未知的案件类型' }] });
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx, last) => {
      const occurredAt = req.body.occurredAt ? new Date(req.body.occurredAt) : null;
      const opened = await openCasePendingInTrx(ctx, trx, req.body.type, req.body.input, req.actor,
        (req.headers['idempotency-key'] as string | undefined) ?? null, { occurredAt });
      // the response is read in the number's statement: the counter's lock is held for two statements and COMMIT — the
      // number with the view, then the audit record, the seal and the Idempotency-Key record together
      const { number, row } = await opened.assignNumberReading(caseViewRow(trx, opened.caseId), last);
      return { status: 201, body: await caseViewOf(ctx, trx, { ...caseViewRowOfJson(row), number }, req.actor) };
    });
    return reply.status(r.status).header('idempotent-replayed', String(r.replayed)).send(r.body);
  });

  app.post('/cases/:id/actions', {
    schema: {
      tags: ['案件'], summary: '执行流程操作（支持 Idempotency-Key 与 version 乐观锁；occurredAt：补录此前已发生的办理行为，按实际发生时间）', params: z.object({ id: zUuid }),
      body: z.object({
        action: z.string().min(1, '必填').max(60), input: z.record(z.string(), z.unknown()).default({}), version: z.number().int().positive().optional(),
        occurredAt: zOccurredAt,
      }),
    },
  }, async (req, reply) => {
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    if (key !== null && (key.length < 8 || key.length > 200)) throw new AppError('validation_failed', 'Idempotency-Key 长度应为 8–200 个字符', { errors: [{ path: 'headers.idempotency-key', message: '长度应为 8–200 个字符' }] });
    const view = await ctx.db.transaction().execute(async (trx) => {
      // the view is read in the act's last statement (a replay reads it on its own)
      const r = await performInTrx(ctx, trx, {
        caseId: req.params.id, action: req.body.action, input: req.body.input, actor: req.actor, idempotencyKey: key, expectedVersion: req.body.version,
        occurredAt: req.body.occurredAt ? new Date(req.body.occurredAt) : null, read: caseViewRow(trx, req.params.id),
      });
      const view = r.row ? await caseViewOf(ctx, trx, caseViewRowOfJson(r.row), req.actor) : await getCaseView(ctx, trx, r.caseId, req.actor);
      return { replayed: r.replayed, view };
    });
    return reply.header('idempotent-replayed', String(view.replayed)).send(view.view);
  });

  app.post('/cases/:id/parties/:partyId/reveal', {
    schema: { tags: ['案件'], summary: '查看当事人完整信息（留痕）', params: z.object({ id: zUuid, partyId: zUuid }) },
  }, async (req) => {
    const holders = await ctx.db.selectFrom('caseOrgs').innerJoin('orgs', 'orgs.id', 'caseOrgs.orgId').select(['orgs.path', 'caseOrgs.role']).where('caseOrgs.caseId', '=', req.params.id).where('caseOrgs.until', 'is', null).execute();
    const orgPaths = holders.map((h) => h.path);
    if (!holders.length || !can(req.actor, 'case.view', { orgPaths })) throw notFound('案件');
    if (!can(req.actor, 'case.reveal', { orgPaths })) throw new AppError('forbidden', '您的角色不能查看当事人完整信息');
    const p = await ctx.db.selectFrom('caseParties').selectAll().where('id', '=', req.params.partyId).where('caseId', '=', req.params.id).executeTakeFirst();
    if (!p) throw notFound('当事人');
    if (p.confidential && !inHandlingChain(req.actor, holders)) throw new AppError('forbidden', '该当事人要求保密，只有承办链条内的人员可以查看');
    const now = ctx.clock.now();
    await ctx.db.transaction().execute((trx) => appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, {
      action: 'personal.reveal', targetType: 'case_party', targetId: p.id, detail: { caseId: req.params.id, role: p.role, confidential: p.confidential },
    }, now));
    return { name: ctx.crypto.decryptOpt(p.nameEnc), phone: ctx.crypto.decryptOpt(p.phoneEnc), idNo: ctx.crypto.decryptOpt(p.idNoEnc), address: ctx.crypto.decryptOpt(p.addressEnc) };
  });

  /** Limits for reading any public submission: the largest a public case type declares. */
  const publicRules = [...ctx.registry.caseTypes.values()].flatMap((t) => (t.workflow.create.public && t.workflow.create.publicAttachments ? [t.workflow.create.publicAttachments] : []));
  const uploadLimits = { maxFiles: Math.max(1, ...publicRules.map((r) => r.maxFiles)), maxBytes: Math.max(1, ...publicRules.map((r) => r.maxBytes)) };

  /** JSON, or multipart/form-data with the same JSON in the field `payload` and the files. */
  async function publicSubmission(req: FastifyRequest, json: PublicBody | undefined) {
    if (!req.isMultipart()) {
      if (!json) throw new AppError('validation_failed', '请求体不能为空', { errors: [{ path: 'body', message: '请求体不能为空' }] });
      return { body: json, files: [] as Upload[], skipped: 0, errors: [] as FieldError[] };
    }
    const { fields, files, skipped } = await readMultipart(req, uploadLimits);
    const raw = fields.get('payload')?.[0];
    let parsed: unknown;
    try { parsed = raw === undefined ? undefined : JSON.parse(raw); } catch { parsed = null; }
    const r = PublicCaseBody.safeParse(parsed);
    if (r.success) return { body: r.data, files, skipped, errors: [] };
    const errors = raw === undefined ? [{ path: 'body.payload', message: '缺少字段 payload（JSON：type 与 input）' }]
      : parsed === null ? [{ path: 'body.payload', message: 'payload 不是有效的 JSON' }] : zodIssuesToFieldErrors(r.error.issues, 'body');
    return { body: null, files, skipped, errors };
  }

  app.get('/public/case-types/:type', {
    config: { public: true },
    schema: { tags: ['公众'], summary: '可网上提交的事项及其附件要求（数量、每个文件大小、类型、依据）', params: z.object({ type: z.string().min(1).max(60) }) },
  }, async (req) => {
    const t = ctx.registry.caseTypes.get(req.params.type);
    if (!t || !t.workflow.create.public) throw notFound('可网上提交的事项');
    const rule = t.workflow.create.publicAttachments;
    return { type: t.workflow.type, label: t.workflow.label, attachments: rule ? describeRule(rule) : null };
  });

  app.post('/public/cases', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } },
    schema: {
      tags: ['公众'],
      summary: '公众提交（无需登录；返回编号与办理期限，不含个人信息）。JSON，或 multipart/form-data：字段 payload 为同样的 JSON，字段 files 为附件（数量、大小、类型按事项声明，见 /public/case-types/{type}），与案件在同一事务中保存',
      body: PublicCaseBody.optional(),
    },
  }, async (req, reply) => {
    const sub = await publicSubmission(req, req.body);
    const t = sub.body ? ctx.registry.caseTypes.get(sub.body.type) : undefined;
    const errors = [...sub.errors];
    if (sub.body && (!t || !t.workflow.create.public)) errors.push({ path: 'body.type', message: '不接受网上提交的类型' });
    // Without a readable payload the type, and so its rule for files, is unknown.
    const checked = sub.body ? checkUploads(t?.workflow.create.publicAttachments, sub.files, 'body.files', sub.skipped) : { errors: [], ok: [] };
    errors.push(...checked.errors);
    if (errors.length || !sub.body || !t) {
      // Name every bad field at once: the input too, not only the files.
      const input = t?.workflow.create.public && sub.body ? t.workflow.create.input.safeParse(sub.body.input) : null;
      if (input && !input.success) errors.push(...zodIssuesToFieldErrors(input.error.issues, 'body.input'));
      throw new AppError('validation_failed', errors.every((e) => e.path === 'body.type') ? '该事项不接受网上提交' : '提交的内容有误，请检查标出的字段', { errors });
    }
    const body = sub.body;
    const actor = { ...req.actor, name: '公众（网上提交）' };
    const key = req.headers['idempotency-key'] as string | undefined;
    // The files are part of the request: a replay must carry the same files (by their SM3).
    const request = checked.ok.length ? { ...body, files: checked.ok.map((f) => f.sm3) } : body;
    const r = await runCommand(ctx, actor, key, request, async (trx, last) => {
      const opened = await openCasePendingInTrx(ctx, trx, body.type, body.input, actor, key ?? null);
      const at = ctx.clock.now();
      for (const f of checked.ok) await storeFileInTrx(trx, opened.caseId, f, { id: null, name: actor.name, ip: req.ip }, at);
      const number = await opened.assignNumber(last); // last: the counter's lock is held for the fewest statements
      // The receipt: the submitter's own view, with the code that tracks it (shown once; the phone given works too).
      return { status: 201, body: { ...(await trackCase(ctx, trx, number, opened.regionCode, 'owner')), attachments: checked.ok.length } };
    });
    return reply.status(r.status).send(r.body);
  });

  const zNumber = z.string().trim().min(3, '请输入编号').max(40, '编号过长');
  const zCode = z.string().trim().regex(/^[A-Za-z0-9]{8}$/, '查询码为回执上的 8 位字母数字');
  const zPhone = z.string().trim().regex(/^[0-9+\- ]{7,20}$/, '请填写提交时留下的联系电话');
  const region = (r?: string) => r ?? ctx.config.defaultRegion;
  app.get('/public/track/:number', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } },
    schema: {
      tags: ['公众'], summary: '按编号和回执上的查询码查询办理进度（不含个人信息；凭联系电话查询用 POST /public/track）',
      params: z.object({ number: zNumber }), querystring: z.object({ code: zCode, region: z.string().regex(/^\d{6}$/).optional() }),
    },
  }, async (req) => trackCase(ctx, ctx.db, req.params.number, region(req.query.region), { code: req.query.code }));
  app.post('/public/track', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } },
    schema: {
      tags: ['公众'], summary: '按编号和查询码或联系电话查询办理进度（不含个人信息；保密事项只显示状态）',
      body: z.object({ number: zNumber, code: zCode.optional(), phone: zPhone.optional(), region: z.string().regex(/^\d{6}$/).optional() })
        .refine((b) => b.code || b.phone, { path: ['code'], message: '请输入回执上的查询码，或提交时留下的联系电话' }),
    },
  }, async (req) => trackCase(ctx, ctx.db, req.body.number, region(req.body.region), { code: req.body.code, phone: req.body.phone }));

}
