import { ProblemCodes, type FieldError, type ProblemCode } from '@yifa/contracts';

/**
 * The one error type the platform throws on purpose. The error handler turns it into
 * application/problem+json with a stable code and a Chinese title/detail.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; allowedActions?: string[]; [k: string]: unknown } = {},
  ) {
    super(detail ?? ProblemCodes[code].title);
    this.status = ProblemCodes[code].status;
  }
}

export const notFound = (what = '记录') => new AppError('not_found', `${what}不存在或您无权查看`);
export const forbidden = (detail = '您没有执行此操作的权限') => new AppError('forbidden', detail);
export const invalid = (errors: FieldError[], detail?: string) =>
  new AppError('validation_failed', detail ?? errors.map((e) => `${e.path}：${e.message}`).join('；'), { errors });
export const conflict = (detail: string) => new AppError('conflict', detail);
