import { z } from 'zod';
import { zId, type FieldError } from '@yifa/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';

z.config(z.locales.zhCN());

export function zodIssuesToFieldErrors(issues: z.core.$ZodIssue[], prefix: string): FieldError[] {
  return issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

const PARTS = [['params', 'params'], ['querystring', 'query'], ['body', 'body'], ['headers', 'headers']] as const;

/**
 * Validate every part of a request against the route's zod schemas and report every bad field
 * at once (Fastify alone would stop at the first failing part). Parsed values replace the raw.
 */
export function validateRequest(req: FastifyRequest): void {
  const schema = req.routeOptions.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  const errors: FieldError[] = [];
  for (const [key, label] of PARTS) {
    const s = schema[key];
    if (!(s instanceof z.ZodType)) continue;
    const target = label === 'query' ? 'query' : label;
    const raw = (req as unknown as Record<string, unknown>)[target];
    const r = s.safeParse(raw ?? (key === 'body' ? undefined : {}));
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
export const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');
export const zUuid = zId();
export const zLimit = z.coerce.number().int('应为整数').min(1, '至少为 1').max(500, '最多为 500').default(50);
export const zBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
