import { z } from 'zod';
import { addDays, CalendarYearUnknownError, dueFrom, isLegalDate, legalDateOf, ruleInForce, type CalendarYearData, type LegalDate } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { AppError } from '../http/problem.ts';
import { assertCan } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { zDate } from '../http/validation.ts';
import { recomputeOpenClocks, resolveRule, ruleOverrideHistory, setRuleOverride } from './ledger-store.ts';

const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const CalendarYearBody = z.object({
  notice: z.string().trim().min(4, '请填写国务院办公厅通知的标题').max(200),
  source: z.string().trim().min(4, '请填写通知的发布地址或文号').max(500),
  holidays: z.array(z.object({
    name: z.string().trim().min(1, '请填写节日名称').max(20),
    days: z.string().regex(/^(0[1-9]|1[0-2])-\d{2}(\.\.(0[1-9]|1[0-2])-\d{2})?$/, '格式应为 MM-DD 或 MM-DD..MM-DD'),
  })).min(1, '至少一个放假安排'),
  workdays: z.array(z.string().regex(MMDD, '格式应为 MM-DD')),
});

/** Load (or replace) a year and recompute running deadlines, in one transaction. */
export async function loadCalendarYear(ctx: Ctx, data: CalendarYearData, by: { id: string | null; name: string; ip?: string | null }) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    let saved;
    try {
      saved = await ctx.calendar.saveYearInTrx(trx, data, by.name);
    } catch (e) {
      throw new AppError('validation_failed', (e as Error).message, { errors: [{ path: 'body', message: (e as Error).message }] });
    }
    const r = await recomputeOpenClocks(ctx, trx, now);
    await appendAuditInTrx(trx, by, { action: 'calendar.load', targetType: 'calendar', targetId: String(data.year), detail: { notice: data.notice, source: data.source, ...saved, recomputed: r.recomputed } }, now);
    ctx.calendar.invalidate();
    return { year: data.year, ...saved, recomputedClocks: r.recomputed };
  });
}

/** A named period of legal dates, both ends included. */
export interface NamedPeriod { key: string; label: string; from: LegalDate; to: LegalDate }

/**
 * The named periods the UI offers (本年, 上年, 近30日, 本月, 上月, 本季度), as Beijing dates around `today`.
 * Periods that have not ended stop at today: a figure "for this year" never counts tomorrow.
 */
export function namedPeriods(today: LegalDate): NamedPeriod[] {
  const year = today.slice(0, 4);
  const month = today.slice(0, 7);
  const lastYearEnd = addDays(`${year}-01-01`, -1);
  const lastMonthEnd = addDays(`${month}-01`, -1);
  const quarterMonth = String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0');
  return [
    { key: 'thisYear', label: '本年', from: `${year}-01-01`, to: today },
    { key: 'lastYear', label: '上年', from: `${lastYearEnd.slice(0, 4)}-01-01`, to: lastYearEnd },
    { key: 'last30', label: '近30日', from: addDays(today, -29), to: today },
    { key: 'thisMonth', label: '本月', from: `${month}-01`, to: today },
    { key: 'lastMonth', label: '上月', from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    { key: 'thisQuarter', label: '本季度', from: `${year}-${quarterMonth}-01`, to: today },
  ];
}

/** `keys=a,b`: comma-separated rule keys. */
const RuleKeys = z.string().max(2000, '最多 2000 个字符')
  .regex(/^[a-z0-9_.,-]*$/, '规则键只能包含小写字母、数字、点、下划线和短横线，以逗号分隔')
  .refine((s) => s.split(',').filter(Boolean).length <= 50, '一次最多 50 条规则').optional();

export async function calendarRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/calendar/periods', {
    schema: {
      tags: ['法定时间'], summary: '常用统计期间（本年、上年、近30日、本月、上月、本季度），按北京时间的今天计算',
      description: '界面不做日期运算：默认期间由服务器按法定日期（北京时间）给出。未结束的期间截至今天。',
    },
  }, async () => {
    const today = legalDateOf(ctx.clock.now());
    return { today, periods: namedPeriods(today) };
  });

  app.get('/rules', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } },
    schema: {
      tags: ['法定时间'], summary: '今天有效的期限规则（含本县对可配置规则的设定）',
      description: 'keys=a,b 只取这些规则；不给则为全部。每条规则给出期限长度、单位、可延长上限和依据；本县设定过的可配置规则标明 local。',
      querystring: z.object({ keys: RuleKeys }),
    },
  }, async (req) => {
    const today = legalDateOf(ctx.clock.now());
    const region = ctx.config.defaultRegion;
    const asked = (req.query.keys ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    const keys = asked.length ? [...new Set(asked)] : [...new Set(ctx.registry.rules.map((r) => r.key))].sort();
    const missing = keys.filter((k) => !ruleInForce(ctx.registry.rules, k, today));
    if (missing.length) {
      const message = `没有今天有效的规则：${missing.join('、')}`;
      throw new AppError('validation_failed', message, { errors: [{ path: 'query.keys', message }] });
    }
    const items = [];
    for (const key of keys) {
      const declared = ruleInForce(ctx.registry.rules, key, today)!;
      const r = await resolveRule(ctx, ctx.db, key, today, region);
      items.push({
        key, label: r.label, unit: r.unit, length: r.length, yellowWithin: r.yellowWithin, maxExtension: r.maxExtension ?? null,
        rollForward: r.rollForward ?? false, basis: r.basis, sourced: r.sourced, configurable: r.configurable, effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo ?? null,
        local: r !== declared,
      });
    }
    return { on: today, items };
  });

  // A county's own value for a configurable rule (mostly the unsourced ones: DOMAIN.md marks them), from a date on: the clocks of
  // cases filed from that date use it (the ledger resolves a rule on the case's filedOn); cases filed before, and clocks already
  // running, keep the value they were filed under. Every value kept, with who set it.
  app.get('/rules/:key/local', {
    schema: { tags: ['法定时间'], summary: '一条可配置期限规则的本县设定及历次修改', params: z.object({ key: z.string().max(100) }) },
  }, async (req) => {
    assertCan(req.actor, 'rules.manage');
    return ruleOverrideHistory(ctx, ctx.config.defaultRegion, req.params.key);
  });
  app.put('/rules/:key', {
    schema: {
      tags: ['法定时间'], summary: '设定可配置期限规则的本县期限（自生效日起受理、立案的事项适用；写明本县依据）',
      params: z.object({ key: z.string().max(100) }),
      body: z.object({
        length: z.number('请填写期限长度').int('应为整数').min(1, '至少为 1').max(3650, '最多 3650'),
        yellowWithin: z.number('应为数字').int('应为整数').min(0, '不能为负数').max(3650, '最多 3650').optional(),
        effectiveFrom: zDate,
        basis: z.string('请填写本县依据').trim().min(4, '请填写本县依据（文件名称和文号，至少 4 个字）').max(500, '最多 500 个字'),
      }).superRefine((b, c) => {
        // checked with the fields' own errors, so that one answer names every bad field
        if (typeof b.effectiveFrom === 'string' && b.effectiveFrom < legalDateOf(ctx.clock.now())) {
          c.addIssue({ code: 'custom', path: ['effectiveFrom'], message: '生效日期不能早于今天（此前受理的事项不受影响）' });
        }
        if (typeof b.yellowWithin === 'number' && typeof b.length === 'number' && b.yellowWithin >= b.length) {
          c.addIssue({ code: 'custom', path: ['yellowWithin'], message: `黄牌提醒应少于期限长度（${b.length}）` });
        }
      }),
    },
  }, async (req) => {
    assertCan(req.actor, 'rules.manage');
    return setRuleOverride(ctx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, ctx.config.defaultRegion, req.params.key, req.body);
  });

  app.get('/calendar/due', {
    config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } },
    schema: {
      tags: ['法定时间'], summary: '计算期限届满日（稳定接口）',
      description: 'unit=workdays 按工作日（跳过法定节假日与周末、计入调休上班日）；unit=days 按自然日，最后一日为休息日的顺延至其后第一个工作日。起算当日不计入。涉及未载入年度时拒绝计算。',
      querystring: z.object({
        from: zDate,
        amount: z.coerce.number({ message: '应为数字' }).int('应为整数').min(0, '不能为负数').max(3650, '最多 3650'),
        unit: z.enum(['workdays', 'days'], '应为 workdays 或 days'),
        rollForward: z.enum(['true', 'false']).optional(),
      }),
    },
  }, async (req) => {
    const cal = await ctx.calendar.get();
    const v = dueFrom(cal, req.query.from, req.query.amount, req.query.unit, req.query.rollForward !== 'false');
    if (v.status === 'unknown') {
      throw new AppError('calendar_year_unknown', v.explanation.join(''), { year: v.unknownYear, errors: [{ path: 'query.from', message: `${v.unknownYear}年节假日安排尚未载入` }] });
    }
    return { from: req.query.from, amount: req.query.amount, unit: req.query.unit, due: v.dueDate, dueAt: v.dueAt, explanation: v.explanation.join(''), steps: v.explanation };
  });

  app.get('/calendar/years', { config: { public: true }, schema: { tags: ['法定时间'], summary: '已载入的年度' } }, async () => {
    const years = await ctx.db.selectFrom('calendarYears').selectAll().orderBy('year').execute();
    const cal = await ctx.calendar.get();
    return years.map((y) => ({ year: y.year, notice: y.notice, source: y.source, loadedAt: y.loadedAt.toISOString(), loadedBy: y.loadedBy, holidays: cal.year(y.year)?.holidays.size ?? 0, workdays: cal.year(y.year)?.workdays.size ?? 0 }));
  });

  app.get('/calendar/:year', {
    config: { public: true },
    schema: { tags: ['法定时间'], summary: '某年的放假与调休上班日（稳定接口）', params: z.object({ year: z.coerce.number().int('应为年份').min(2000, '年份应在 2000–2100').max(2100, '年份应在 2000–2100') }) },
  }, async (req) => {
    const cal = await ctx.calendar.get();
    const y = cal.year(req.params.year);
    if (!y) {
      throw new AppError('calendar_year_unknown', `${req.params.year}年法定节假日安排尚未载入。该年度的期限无法按工作日计算，待国务院办公厅通知发布后由管理员载入。`, { year: req.params.year, loaded: false });
    }
    const days = [
      ...[...y.holidays].map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
      ...[...y.workdays].map(([date, name]) => ({ date, kind: 'makeup_workday' as const, name })),
    ].sort((a, b) => (a.date < b.date ? -1 : 1));
    return { year: y.year, loaded: true, notice: y.notice, source: y.source, days, holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date), makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date) };
  });

  app.put('/calendar/:year', {
    schema: { tags: ['法定时间'], summary: '载入或替换某年的节假日安排（重算进行中的期限）', params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), body: CalendarYearBody },
  }, async (req) => {
    assertCan(req.actor, 'calendar.manage');
    const bad = [...req.body.holidays.flatMap((h) => h.days.split('..')), ...req.body.workdays].filter((d) => !isLegalDate(`${req.params.year}-${d}`));
    if (bad.length) throw new AppError('validation_failed', `无效日期：${bad.join('、')}`, { errors: bad.map((d) => ({ path: 'body', message: `${req.params.year}-${d} 不是有效日期` })) });
    return loadCalendarYear(ctx, { year: req.params.year, ...req.body }, { id: req.actor.userId, name: req.actor.name, ip: req.ip });
  });

  void CalendarYearUnknownError; void legalDateOf;
}
