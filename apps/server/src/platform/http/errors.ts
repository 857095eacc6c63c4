/**
 * Every error answer is application/problem+json (RFC 9457): the platform's own AppErrors, Fastify's
 * and its plugins' errors (body parsing, multipart, bad URLs, too-long parameters, rate limits),
 * PostgreSQL errors caused by input, and the connection-level errors Node answers before a route
 * exists (400/408/431). Bad input is a 4xx naming the part of the request at fault; a database that
 * cannot be reached is a 503 with Retry-After; only a real defect is a 500, and its detail is masked.
 */
import type { Socket } from 'node:net';
import { ProblemCodes, type FieldError, type Problem, type ProblemCode } from '@yifa/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';
import { NestingTooDeep } from '../crypto/sm.ts';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable.ts';

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  const meta = ProblemCodes[err.code];
  const body: Problem = {
    type: `https://yifa.dev/problems/${err.code}`,
    code: err.code,
    title: meta.title,
    status: meta.status,
    detail: err.detail ?? meta.title,
    instance: req.url,
    requestId: req.id,
    ...err.extra,
  };
  if (meta.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(meta.status).type('application/problem+json; charset=utf-8').send(body);
}

/** The part of a request an error without a field is about: the query of a read, the body of a write. */
const partOf = (req: FastifyRequest) => (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' ? 'query' : 'body');
const bad = (code: ProblemCode, detail: string, path: string, message = detail) => new AppError(code, detail, { errors: [{ path, message }] });

/** Busboy's messages for a multipart body it cannot read (no boundary, cut short, malformed headers). */
const MULTIPART_BROKEN = new RegExp('^(Multipart: |Unexpected end of (form|file)|Malformed (part header|urlencoded form)'
  + '|Part terminated early|Unexpected end of multipart)');

const TOO_LARGE = new Set(['FST_ERR_CTP_BODY_TOO_LARGE', 'FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);
const BY_STATUS: Partial<Record<number, ProblemCode>> = {
  404: 'not_found', 408: 'request_timeout', 413: 'payload_too_large', 414: 'uri_too_long', 415: 'unsupported_media_type', 431: 'headers_too_large',
};

/** PostgreSQL errors that only input can cause, as the 4xx they are. */
function fromPostgres(pgCode: string, req: FastifyRequest): AppError | null {
  const part = partOf(req);
  if (['22P02', '22007', '22008', '22003', '22001', '22004', '22023', '2201B', '22025'].includes(pgCode)) return bad('bad_request', '参数格式不正确', part);
  if (pgCode === '22021' || pgCode === '22P05') return bad('validation_failed', '内容含有无法保存的字符', part);
  if (pgCode === '54001') return bad('bad_request', '请求过于复杂', part);
  if (pgCode === '23505') return new AppError('conflict', '与现有记录重复');
  if (pgCode === '23503') return bad('validation_failed', '引用的记录不存在', part, '引用的记录不存在或已删除');
  return null;
}

/** Any error as the AppError it should be answered with; null for a defect (500). */
export function problemOf(error: unknown, req: FastifyRequest): AppError | null {
  if (error instanceof AppError) return error;
  if (databaseUnavailable(error)) return new AppError('unavailable', `数据库暂时无法连接，请 ${RETRY_AFTER_SECONDS} 秒后重试（本次请求未作任何修改）`);
  if (error instanceof NestingTooDeep) return bad('bad_request', `请求内容嵌套超过 ${error.limit} 层`, partOf(req));
  const fe = error as Partial<FastifyError> & { name?: string; message?: string };
  const code = fe.code ?? '';
  const message = fe.message ?? '';
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.name === 'SyntaxError') {
    return bad('bad_request', '请求体不是有效的 JSON', 'body', '不是有效的 JSON');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_ERR_CTP_INVALID_TYPE') {
    const expect = code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ? '应为 multipart/form-data' : '不支持该内容类型';
    return bad('unsupported_media_type', `不支持的内容类型：${req.headers['content-type'] ?? '无'}（${expect}）`, 'headers.content-type', expect);
  }
  if (TOO_LARGE.has(code) || fe.statusCode === 413) {
    return bad('payload_too_large', '上传内容超过大小限制', 'body');
  }
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return bad('bad_request', 'Content-Length 与请求体不符', 'headers.content-length');
  if (code === 'FST_PROTO_VIOLATION' || MULTIPART_BROKEN.test(message)) {
    return bad('bad_request', '无法读取 multipart/form-data 请求体（缺少有效的 boundary 或内容不完整）', 'body');
  }
  if (fe.statusCode === 429) return new AppError('rate_limited', '请求过于频繁，请稍后再试');
  if (code === 'FST_ERR_VALIDATION') return bad('validation_failed', message, partOf(req));
  const pg = fromPostgres(code, req);
  if (pg) return pg;
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const pc = BY_STATUS[fe.statusCode] ?? 'bad_request';
    return pc === 'bad_request' ? bad(pc, message || '请求无效', partOf(req)) : new AppError(pc, message || undefined);
  }
  return null;
}

/** Map any error to problem+json. Bad input never becomes a 500; unknown errors are masked. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    const p = problemOf(error, req);
    if (p) {
      if (p.code === 'unavailable') req.log.warn({ err: error }, 'database unavailable');
      return sendProblem(reply, req, p);
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, req, new AppError('internal', `服务器内部错误，请联系管理员并提供请求编号 ${req.id}`));
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, new AppError('not_found', `没有这个地址：${req.method} ${req.url.split('?')[0]}`)));
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (FST_ERR_BAD_URL) or a path
 * parameter over maxParamLength (414). `special` answers in a sub-API's own error format (Open311).
 */
export function frameworkErrors(special: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => boolean) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (special(err, req, reply)) return;
    if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, req, bad('uri_too_long', '地址中的参数过长', 'url'));
    if (err.code === 'FST_ERR_BAD_URL') return sendProblem(reply, req, bad('bad_request', '地址中的百分号编码无效', 'url'));
    return sendProblem(reply, req, problemOf(err, req) ?? bad('bad_request', err.message, 'url'));
  };
}

/** Node's answer to a request it cannot parse (before any route): problem+json instead of Fastify's plain JSON. */
export function clientErrorHandler(err: NodeJS.ErrnoException & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout'
    : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const meta = ProblemCodes[code];
  const errors: FieldError[] = code === 'request_timeout' ? []
    : code === 'headers_too_large' ? [{ path: 'headers', message: '请求头（含地址）过大' }] : [{ path: 'request', message: '不是有效的 HTTP 请求' }];
  const body = JSON.stringify({
    type: `https://yifa.dev/problems/${code}`, code, title: meta.title, status: meta.status, detail: meta.title, ...(errors.length ? { errors } : {}),
  });
  const reason = { bad_request: 'Bad Request', headers_too_large: 'Request Header Fields Too Large', request_timeout: 'Request Timeout' }[code as string];
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${meta.status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
      + `Content-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
