/**
 * "未经公布的行政规范性文件不得作为行政管理依据" (《优化营商环境条例》第六十四条; "三统一" local rules: 未经统一登记、统一编号、
 * 统一公布的规范性文件无效). Any module that lets a decision cite a 规范性文件 of yifa as its basis calls
 * assertCitableInTrx in the decision's transaction: it throws a Chinese validation error unless the document is
 * published and in force (现行有效).
 */
import type { Conn } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/problem.ts';
import { STATE_LABEL } from './projection.ts';

export const CITABLE_BASIS = '《优化营商环境条例》第六十四条：未经公布的行政规范性文件不得作为行政管理依据';

/** Why a 规范性文件 cannot be cited now, or null when it can (published and 现行有效). */
export async function notCitableReason(conn: Conn, normativeCaseId: string): Promise<string | null> {
  const d = await conn.selectFrom('normativeDocs').select(['title', 'state', 'publishedOn']).where('caseId', '=', normativeCaseId).executeTakeFirst();
  if (!d) return '所引用的规范性文件不存在';
  if (!d.publishedOn) return `《${d.title}》尚未统一公布，不得作为依据（${CITABLE_BASIS}）`;
  if (d.state !== 'in_force') return `《${d.title}》当前状态为"${STATE_LABEL[d.state] ?? d.state}"，不是现行有效的规范性文件，不得作为依据`;
  return null;
}

/** Throw a 400 naming `path` unless the document is published and in force. */
export async function assertCitableInTrx(conn: Conn, normativeCaseId: string, path = 'body.normativeId'): Promise<void> {
  const reason = await notCitableReason(conn, normativeCaseId);
  if (reason) throw new AppError('validation_failed', reason, { errors: [{ path, message: reason }] });
}
