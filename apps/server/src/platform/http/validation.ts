import { z } from 'zod';
import { isLegalDate, zId, type FieldError } from '@yifa/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';

const EXPECTED: Record<string, string> = { number: '数字', int: '整数', string: '文字', boolean: '是或否', array: '列表', object: '一组内容', date: '日期' };

/**
 * Plain Chinese for what a field lacks, never the validator's own words ("无效输入：期望 string，实际接收 undefined"): a missing
 * value is "请填写<title>", a value of the wrong kind "<title>应为数字", a bad shape "<title>格式不正确" — with the `.meta({ title })`
 * of the field. Messages a schema writes itself ('请填写 11 位手机号') are kept; the zh-CN locale answers the rest.
 */
export function plainIssueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  const inst = (iss as { inst?: z.core.$ZodType }).inst;
  const title = inst ? (z.globalRegistry.get(inst) as { title?: string } | undefined)?.title : undefined;
  if (iss.code === 'invalid_type') {
    if (iss.input === undefined || iss.input === null || iss.input === '') return title ? `请填写${title}` : '此项必填';
    return `${title ?? '此项'}应为${EXPECTED[String(iss.expected)] ?? '有效内容'}`;
  }
  if (iss.code === 'invalid_value') return title ? `请选择有效的${title}` : '请选择有效的选项';
  if (iss.code === 'invalid_format') return title ? `${title}格式不正确` : '格式不正确';
  return undefined;
}

z.config({ ...z.locales.zhCN(), customError: plainIssueMessage });

export function zodIssuesToFieldErrors(issues: z.core.$ZodIssue[], prefix: string): FieldError[] {
  return issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

const PARTS = [['params', 'params'], ['querystring', 'query'], ['body', 'body'], ['headers', 'headers']] as const;

/** How many values of one request part are looked at for NUL characters (a body is at most 2 MB). */
const MAX_NODES = 200_000;

/**
 * Every string (and key) holding a NUL character, by path: PostgreSQL cannot store U+0000 in text
 * (error 22021), so it is refused wherever it appears, before anything reaches the database.
 * Iterative, so that nesting depth cannot overflow the stack.
 */
export function nulFields(value: unknown, prefix: string): FieldError[] {
  const out: FieldError[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  for (let seen = 0; stack.length && seen < MAX_NODES && out.length < 20; seen++) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push({ path, message: '不能包含空字符（U+0000）' });
    } else if (v instanceof Map) {
      for (const [k, x] of v) stack.push([x, `${path}.${String(k).replaceAll('\u0000', '')}`]);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}.${i}`]));
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) out.push({ path: `${path}.${k.replaceAll('\u0000', '')}`, message: '字段名不能包含空字符（U+0000）' });
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return out;
}

/**
 * Validate every part of a request against the route's zod schemas and report every bad field
 * at once (Fastify alone would stop at the first failing part). Parsed values replace the raw.
 */
export function validateRequest(req: FastifyRequest): void {
  const errors: FieldError[] = [];
  for (const label of ['params', 'query', 'body'] as const) errors.push(...nulFields((req as unknown as Record<string, unknown>)[label], label));
  if (errors.length) throw new AppError('validation_failed', `共有 ${errors.length} 处错误：${errors.map((e) => `${e.path} ${e.message}`).join('；')}`, { errors });
  const schema = req.routeOptions.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  for (const [key, label] of PARTS) {
    const s = schema[key];
    if (!(s instanceof z.ZodType)) continue;
    const target = label === 'query' ? 'query' : label;
    const raw = (req as unknown as Record<string, unknown>)[target];
    let r: z.ZodSafeParseResult<unknown>;
    try {
      r = s.safeParse(raw ?? (key === 'body' ? undefined : {}));
    } catch {
      // A refinement that did not expect this shape: still the caller's bad input, never a 500.
      errors.push({ path: label, message: '格式不正确' });
      continue;
    }
    if (r.success) {
      if (key !== 'headers') (req as unknown as Record<string, unknown>)[target] = r.data;
    } else {
      if (key === 'body' && raw === undefined) errors.push({ path: 'body', message: '请求体不能为空' });
      else errors.push(...zodIssuesToFieldErrors(r.error.issues, label));
    }
  }
  if (errors.length) throw new AppError('validation_failed', `共有 ${errors.length} 处错误：${errors.map((e) => `${e.path} ${e.message}`).join('；')}`, { errors });
}

/** Common field types with Chinese messages. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date 'YYYY-MM-DD' (the pattern is kept in the JSON Schema: facts and forms read it); '2021-1-1' or '2021-02-30' is a 400, never a throw. */
export const zDate = z.string().regex(DATE_SHAPE, '日期格式应为 YYYY-MM-DD').refine((s) => !DATE_SHAPE.test(s) || isLegalDate(s), '不是有效日期');
export const zUuid = zId();
export const zLimit = z.coerce.number().int('应为整数').min(1, '至少为 1').max(500, '最多为 500').default(50);
export const zBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * When an act really happened, if it is recorded later (补录): an ISO 8601 time with its offset, e.g.
 * 2026-01-09T16:30:00+08:00. The engine checks the bounds (not in the future, not before the previous act, the
 * county's window) and the permission case.record_late.
 */
export const zOccurredAt = z.iso.datetime({ offset: true, message: '实际发生时间应为带时区的 ISO 时间，如 2026-01-09T16:30:00+08:00' })
  .optional().meta({ title: '实际发生时间（补录时填写）' });
