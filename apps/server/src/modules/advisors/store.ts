/**
 * The roster of 政府法律顾问, 公职律师 and 合法性审查专家, and what happens to their assignments on 合法性审查 cases (reacting to the
 * case actions of legality-review/advisor-actions.ts in the same transaction: a bad assignment rolls the action back).
 */
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CaseEventNotice } from '../../platform/registry.ts';
import { AppError } from '../../platform/http/problem.ts';
import { legalDateOf } from '@yifa/contracts';

export const ADVISOR_KINDS = ['政府法律顾问', '公职律师', '合法性审查专家'] as const;
/** 选聘方式: the seed report names 竞争性谈判 and 择优续聘. */
export const PROCUREMENTS = ['竞争性谈判', '择优续聘', '公开招标', '单一来源', '其他'] as const;

export interface AdvisorFields {
  kind: (typeof ADVISOR_KINDS)[number]; name: string; unit: string; title: string; expertise: string[]; contractFrom: string | null; contractTo: string | null;
  procurement: (typeof PROCUREMENTS)[number] | null; status: 'active' | 'ended';
}
export const advisorRow = (v: AdvisorFields, now: Date) => ({ ...v, expertise: JSON.stringify(v.expertise), updatedAt: now });

const bad = (path: string, message: string) => new AppError('validation_failed', message, { errors: [{ path, message }] });

/** On the roster and within the 聘期 on `on`. */
const inTerm = (a: { status: string; contractFrom: unknown; contractTo: unknown }, on: string) =>
  a.status === 'active' && !(a.contractFrom && String(a.contractFrom) > on) && !(a.contractTo && String(a.contractTo) < on);

/** The case's open assignment (not recused). */
const openAssignment = (trx: Tx, caseId: string) => trx.selectFrom('advisorAssignments').selectAll().where('caseId', '=', caseId).where('endedAt', 'is', null)
  .orderBy('assignedAt', 'desc').forUpdate().executeTakeFirst();

/** onCaseEvent: the advisor actions of a legality_review case, checked and recorded. */
export async function onAdvisorActionInTrx(trx: Tx, e: CaseEventNotice, ctx: Ctx): Promise<void> {
  if (e.type !== 'legality_review' || !['assign_advisor', 'advisor_declare', 'advisor_sign'].includes(e.action)) return;
  const region = ctx.config.defaultRegion;
  const cur = await openAssignment(trx, e.caseId);
  if (e.action === 'assign_advisor') {
    const a = await trx.selectFrom('advisors').selectAll().where('id', '=', String(e.input.advisorId)).where('regionCode', '=', region).executeTakeFirst();
    const on = legalDateOf(e.at);
    if (!a) throw bad('body.input.advisorId', '名册中没有该法律顾问或专家');
    if (!inTerm(a, on)) {
      throw bad('body.input.advisorId', `${a.name}不在聘期内，不能指派`);
    }
    if (cur) {
      // an assignment whose advisor has left the 聘期 or the roster since can neither sign nor recuse: a new assignment ends it
      const held = await trx.selectFrom('advisors').select(['status', 'contractFrom', 'contractTo']).where('id', '=', cur.advisorId).executeTakeFirstOrThrow();
      if (inTerm(held, on)) throw bad('body.input.advisorId', '本件已指派法律顾问或专家，须先由其签署意见或回避');
      await trx.updateTable('advisorAssignments').set({ endedAt: e.at }).where('id', '=', cur.id).execute();
    }
    if (await trx.selectFrom('advisorAssignments').select('id').where('caseId', '=', e.caseId).where('advisorId', '=', a.id).executeTakeFirst()) {
      throw bad('body.input.advisorId', `${a.name}已在本件中回避或已出具意见，不能再次指派`);
    }
    await trx.insertInto('advisorAssignments').values({ regionCode: region, caseId: e.caseId, advisorId: a.id, assignedAt: e.at,
      assignedByName: e.actorName }).execute();
    return;
  }
  if (!cur) throw bad('body.input', '本件尚未指派法律顾问或专家');
  if (e.action === 'advisor_declare') {
    if (cur.declaration) throw bad('body.input.declaration', '已登记利益冲突声明');
    const recuse = e.input.declaration !== '无利益冲突';
    await trx.updateTable('advisorAssignments').set({ declaration: e.input.declaration as '无利益冲突' | '存在利益冲突，申请回避',
      declarationNote: (e.input.note as string | undefined) ?? null, declaredAt: e.at,
      ...(recuse ? { endedAt: e.at } : {}) }).where('id', '=', cur.id).execute();
    return;
  }
  if (cur.declaration !== '无利益冲突') throw bad('body.input.opinion', '须先登记无利益冲突声明，才能签署意见');
  // the opinion counts as a 法律顾问's (713号 Art. 28) only if signed within the 聘期 and while on the roster
  const signer = await trx.selectFrom('advisors').select(['name', 'status', 'contractFrom', 'contractTo']).where('id', '=', cur.advisorId)
    .executeTakeFirstOrThrow();
  if (!inTerm(signer, legalDateOf(e.at))) throw bad('body.input.opinion', `${signer.name}已不在聘期内，不能签署意见：请另行指派法律顾问或公职律师`);
  await trx.updateTable('advisorAssignments').set({ opinion: String(e.input.opinion), signedAt: e.at, endedAt: e.at }).where('id', '=', cur.id).execute();
}

/** The signed opinions of a case, for its 审核意见书 (name, kind, opinion). */
export async function signedOpinions(conn: import('../../platform/db/client.ts').Conn, caseId: string) {
  return conn.selectFrom('advisorAssignments as s').innerJoin('advisors as a', 'a.id', 's.advisorId').select(['a.name', 'a.kind', 'a.unit',
    's.opinion', 's.signedAt'])
    .where('s.caseId', '=', caseId).where('s.signedAt', 'is not', null).orderBy('s.signedAt').execute();
}

/** For another module's checks (重大行政决策's 专家论证 and 后评估): the roster entries it names, by id. */
export function advisorsByIds(conn: import('../../platform/db/client.ts').Conn, ids: string[]) {
  return ids.length ? conn.selectFrom('advisors').select(['id', 'kind', 'status', 'regionCode', 'name', 'unit']).where('id', 'in', ids).execute()
    : Promise.resolve([]);
}
