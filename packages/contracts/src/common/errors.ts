/**
 * Stable problem codes (RFC 9457 `code` member). Clients switch on these, never on text.
 */
export const ProblemCodes = {
  validation_failed: { status: 400, title: '提交的内容有误' },
  bad_request: { status: 400, title: '请求无效' },
  unauthenticated: { status: 401, title: '请先登录' },
  session_expired: { status: 401, title: '登录已超时，请重新登录' },
  invalid_credentials: { status: 401, title: '用户名或密码错误' },
  account_locked: { status: 423, title: '账号已锁定' },
  csrf_failed: { status: 403, title: '请求来源校验失败，请刷新页面后重试' },
  forbidden: { status: 403, title: '没有权限执行此操作' },
  /** A user whose password was set by someone else may only change it, read the session or log out. */
  password_change_required: { status: 403, title: '请先修改初始密码' },
  not_found: { status: 404, title: '未找到' },
  transition_not_allowed: { status: 409, title: '当前状态不允许此操作' },
  version_conflict: { status: 409, title: '该记录已被他人修改，请刷新后重试' },
  conflict: { status: 409, title: '与现有数据冲突' },
  idempotency_mismatch: { status: 422, title: '幂等键已用于另一个请求' },
  calendar_year_unknown: { status: 422, title: '节假日安排尚未载入' },
  payload_too_large: { status: 413, title: '文件过大' },
  unsupported_media_type: { status: 415, title: '不支持的文件或内容类型' },
  uri_too_long: { status: 414, title: '请求地址过长' },
  headers_too_large: { status: 431, title: '请求头过大' },
  request_timeout: { status: 408, title: '请求超时' },
  rate_limited: { status: 429, title: '请求过于频繁，请稍后再试' },
  internal: { status: 500, title: '服务器内部错误' },
  not_ready: { status: 503, title: '服务尚未就绪' },
  /** The database cannot be reached: try again after Retry-After seconds (the request did nothing). */
  unavailable: { status: 503, title: '服务暂时不可用，请稍后再试' },
} as const;

export type ProblemCode = keyof typeof ProblemCodes;

export interface FieldError {
  /** Where: 'body.title', 'query.from', 'params.id'. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  code: ProblemCode;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** For transition_not_allowed: the actions allowed in the current state for this user. */
  allowedActions?: string[];
  [extra: string]: unknown;
}
