import { sql } from 'kysely';
import { legalDateOf } from '@yifa/contracts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict, invalid } from '../../platform/http/problem.ts';
import { latestAdjustmentsAsOf } from '../powers/store.ts';
import { penaltyWorkflow, SUMMARY_LIMITS } from './workflow.ts';

/** The 行政处罚 item as it stood in the 权责清单 on a date (null: not listed, not active, or not a 行政处罚). */
async function penaltyPowerOn(trx: Tx, region: string, powerId: string, on: string) {
  const r = await sql<{ after: { code: string; name: string; type: string; orgId: string; status: string; basisLaw: string; basisArticle: string } | null }>`
    select l.after from ${latestAdjustmentsAsOf(region, on)} l where l.item_id = ${powerId}::uuid`.execute(trx);
  const a = r.rows[0]?.after;
  return a && a.status === 'active' && a.type === '行政处罚' ? a : null;
}

/** Certificates that are not valid for this act: unknown, not 有效, outside issue/expiry, another org or another field (Art. 42). */
async function invalidCertificates(trx: Tx, region: string, orgId: string, field: string, on: string, certNos: string[]) {
  const rows = await trx.selectFrom('enforcementOfficers').select(['certNo', 'status', 'orgId', 'fields', sql<string>`issued_on::text`.as('issuedOn'),
    sql<string>`expires_on::text`.as('expiresOn')]).where('regionCode', '=', region).where('certNo', 'in', certNos).execute();
  const by = new Map(rows.map((r) => [r.certNo, r]));
  const errors: { path: string; message: string }[] = [];
  certNos.forEach((no, i) => {
    const r = by.get(no);
    const path = `body.input.officerCertNos.${i}`;
    if (!r) errors.push({ path, message: `执法证 ${no} 未登记` });
    else if (r.status !== '有效') errors.push({ path, message: `执法证 ${no} 状态为${r.status}，不得从事执法活动` });
    else if (r.issuedOn > on || r.expiresOn < on) errors.push({ path, message: `执法证 ${no} 在 ${on} 不在有效期内（${r.issuedOn} 至 ${r.expiresOn}）` });
    else if (r.orgId !== orgId) errors.push({ path, message: `执法证 ${no} 不属于本执法机关` });
    else if (!r.fields.includes(field)) errors.push({ path, message: `执法证 ${no} 的执法领域不含${field}` });
  });
  if (new Set(certNos).size !== certNos.length) errors.push({ path: 'body.input.officerCertNos', message: '执法人员不得重复' });
  return errors;
}

/**
 * 裁量基准: the range in effect on the day of 告知 for the recorded 情形. A fine outside it needs a written reason and always goes to
 * 法制审核; the applied 基准 (version, range) is recorded on the input, hence on the event and the case.
 */
async function checkDiscretion(trx: Tx, region: string, powerId: string, input: Record<string, unknown>) {
  if (!input.circumstance) return;
  const b = await trx.selectFrom('enforcementDiscretion').select(['id', 'version', 'minFine', 'maxFine', 'basis'])
    .where('regionCode', '=', region).where('powerId', '=', powerId).where('circumstance', '=', input.circumstance as '轻微' | '一般' | '较重' | '严重')
    .where('effectiveFrom', '<=', String(input.notifiedOn)).orderBy('effectiveFrom', 'desc').limit(1).executeTakeFirst();
  if (!b) return;
  const [min, max] = [Number(b.minFine), Number(b.maxFine)];
  const fine = input.fineAmount === undefined ? null : Number(input.fineAmount);
  const deviates = fine !== null && (fine < min || fine > max);
  if (deviates && !input.deviationReason) {
    throw invalid([{ path: 'body.input.deviationReason', message: `拟罚款 ${fine} 元超出裁量基准（${input.circumstance}：${min}–${max} 元，${b.version}），须书面说明理由` }]);
  }
  input.discretion = { id: b.id, version: b.version, min, max, basis: b.basis, deviates };
}

export const penaltyCaseType: CaseType = {
  workflow: penaltyWorkflow,
  async open(input, _actor, ctx, trx, at) {
    const region = ctx.config.defaultRegion;
    const on = legalDateOf(at);
    const power = await penaltyPowerOn(trx, region, String(input.powerId), on);
    if (!power) {
      throw invalid([{ path: 'body.input.powerId', message: `${on} 该事项不是权责清单中现行有效的行政处罚事项` }], '清单之外无处罚：立案须依据权责清单中现行有效的行政处罚事项');
    }
    if (input.procedure === '简易程序') {
      const limit = SUMMARY_LIMITS.find((l) => l.partyKind === input.partyKind)!;
      const fine = Number(input.fineAmount ?? NaN);
      if (!(fine >= 0) || fine > limit.maxFine) {
        throw invalid([{ path: 'body.input.fineAmount', message: `简易程序罚款不得超过 ${limit.maxFine} 元（${limit.basis}），请适用普通程序` }]);
      }
    }
    const { parties, ...data } = input as Record<string, unknown> & { parties: { name: string } };
    return {
      orgId: power.orgId,
      title: `${power.name}（${input.partyKind === 'organisation' ? parties.name : '个人'}）`,
      data: { ...data, powerCode: power.code, powerName: power.name, basisLaw: power.basisLaw, basisArticle: power.basisArticle, filedOn: on },
      parties: [{ role: 'party', kind: input.partyKind === 'organisation' ? 'organisation' : 'person', name: parties.name }],
    };
  },
  async guard(_trx, c, action, _actor, _ctx, at) {
    const d = c.data;
    if (action === 'summary_decide' && d.procedure !== '简易程序') throw conflict('普通程序案件不能当场处罚（第五十一条）');
    if (action === 'investigate' && d.procedure === '简易程序') throw conflict('简易程序案件当场作出决定');
    if (action === 'decide') {
      if (!d.notifiedOn) throw new AppError('conflict', '未告知拟处罚内容及陈述申辩、听证权利的，不得作出行政处罚决定（第四十四条、第六十二条）');
      if (d.reviewRequired && !d.reviewPassed) {
        throw new AppError('conflict', '须经法制审核的案件，未经法制审核或审核未通过的，不得作出决定（第五十八条）');
      }
    }
    if (action === 'investigate' || action === 'summary_decide') return { actDate: legalDateOf(at) };
    if (action === 'notify') return { notifiedOn: legalDateOf(at) };
    if (action === 'decide') return { decidedOn: legalDateOf(at) };
  },
  async checkInput(trx, c, action, input) {
    if (action === 'notify') return checkDiscretion(trx, c.regionCode, String(c.data.powerId), input);
    if (action !== 'investigate' && action !== 'summary_decide') return;
    const certs = input.officerCertNos as string[];
    const errors = await invalidCertificates(trx, c.regionCode, c.orgId, String(c.data.field), String(input.actDate), certs);
    if (action === 'summary_decide') {
      const limit = SUMMARY_LIMITS.find((l) => l.partyKind === c.data.partyKind)!;
      if (Number(input.fineAmount) > limit.maxFine) errors.push({ path: 'body.input.fineAmount', message: `简易程序罚款不得超过 ${limit.maxFine} 元（${limit.basis}）` });
    }
    if (errors.length) throw invalid(errors, `执法人员应当持有有效执法证件，调查取证不得少于两人（第四十二条）：${errors.map((e) => e.message).join('；')}`);
  },
  reduce(data, action, input) {
    if (action === 'investigate') return { ...data, officers: input.officerCertNos, investigatedOn: input.actDate };
    if (action === 'summary_decide') return { ...data, officers: input.officerCertNos, fineAmount: input.fineAmount, decisionNo: input.decisionNo,
      outcome: '处罚', decidedOn: input.actDate };
    if (action === 'notify') {
      return { ...data, proposedPenalty: input.proposedPenalty, fineAmount: input.fineAmount ?? data.fineAmount, hearingRight: input.hearingRight,
        notifiedOn: input.notifiedOn, ...(input.art58 ? { art58: input.art58, reviewRequired: true } : {}),
        ...(input.discretion ? { circumstance: input.circumstance, discretion: input.discretion, deviationReason: input.deviationReason } : {}),
        ...((input.discretion as { deviates?: boolean } | undefined)?.deviates ? { reviewRequired: true } : {}) };
    }
    if (action === 'request_hearing') return { ...data, hearingRequested: true };
    if (action === 'submit_review') return { ...data, reviewSubmitted: true };
    if (action === 'review_pass') return { ...data, reviewPassed: true, reviewOpinion: input.opinion };
    if (action === 'review_fail') return { ...data, reviewPassed: false, reviewOpinion: input.opinion, notifiedOn: undefined };
    if (action === 'decide') return { ...data, outcome: input.outcome, decisionNo: input.decisionNo, fineAmount: input.fineAmount, decidedOn: input.decidedOn };
    if (action === 'publish') return { ...data, published: true };
    return data;
  },
  publicFields: ['powerName', 'procedure', 'outcome', 'decisionNo'],
  publicTitle: (d) => String(d.powerName ?? '行政处罚案件'),
};
