import { ProblemCodes, type Problem } from '@yifa/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';

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
  return reply.status(meta.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Map any error to problem+json. Bad input never becomes a 500; unknown errors are masked. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    if (error instanceof AppError) return sendProblem(reply, req, error);
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe.code?.startsWith('FST_ERR_CTP')) || fe.name === 'SyntaxError') {
      return sendProblem(reply, req, new AppError('bad_request', '请求体不是有效的 JSON', { errors: [{ path: 'body', message: '不是有效的 JSON' }] }));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, req, new AppError('unsupported_media_type', `不支持的内容类型：${req.headers['content-type'] ?? '无'}`));
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return sendProblem(reply, req, new AppError('payload_too_large', '上传内容超过大小限制'));
    if (fe.statusCode === 429) return sendProblem(reply, req, new AppError('rate_limited', '请求过于频繁，请稍后再试'));
    if (fe.code === 'FST_ERR_VALIDATION') return sendProblem(reply, req, new AppError('validation_failed', fe.message));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendProblem(reply, req, new AppError(fe.statusCode === 404 ? 'not_found' : 'bad_request', fe.message));
    }
    // PostgreSQL: invalid text representation etc. caused by input → 400, not 500.
    const pgCode = (error as { code?: string }).code;
    if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008' || pgCode === '22003') {
      return sendProblem(reply, req, new AppError('bad_request', '参数格式不正确'));
    }
    if (pgCode === '23505') return sendProblem(reply, req, new AppError('conflict', '与现有记录重复'));
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, req, new AppError('internal', `服务器内部错误，请联系管理员并提供请求编号 ${req.id}`));
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, new AppError('not_found', `没有这个地址：${req.method} ${req.url.split('?')[0]}`)));
}
