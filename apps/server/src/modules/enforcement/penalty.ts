import { sql } from 'kysely';
import { diffDays, legalDateOf } from '@yifa/contracts';
import type { CaseFacts, CaseType } from '../../platform/cases/case-type.ts';
import type { Actor } from '../../platform/authz.ts';
import type { Ctx } from '../../platform/context.ts';
import { readSettings } from '../../platform/settings/settings.ts';
import { ENFORCEMENT_SETTINGS } from './reminders.ts';
import { checkRecording, gapLabels, RECORDABLE_ACTS, recordingFacts, type RecordedAct } from './recordings.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict, invalid } from '../../platform/http/problem.ts';
import { activeItemOn } from '../powers/store.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { maskName } from '../../platform/crypto/mask.ts';
import { redactText } from '../../platform/crypto/redact.ts';
import { publishDueInTrx, publishInTrx, withdrawInTrx } from '../../platform/publication/publication.ts';
import { penaltyWorkflow, SUMMARY_LIMITS } from './workflow.ts';
import { applyDiscretion, lateSurcharge, type DiscretionRow } from './rules.ts';

const MODULE_ID = 'enforcement';

/** The 行政处罚 item as it stood in the 权责清单 on a date (null: not listed, not active, or not a 行政处罚), through the powers read API. */
const penaltyPowerOn = (trx: Tx, region: string, powerId: string, on: string) => activeItemOn(trx, region, powerId, on, ['行政处罚']);

/** Certificates that are not valid for this act: unknown, not 有效, outside issue/expiry, another org or another field (Art. 42). */
async function invalidCertificates(trx: Tx, region: string, orgId: string, field: string, on: string, certNos: string[]) {
  const rows = await trx.selectFrom('enforcementOfficers').select(['certNo', 'status', 'orgId', 'fields', sql<string>`issued_on::text`.as('issuedOn'),
    sql<string>`expires_on::text`.as('expiresOn')]).where('regionCode', '=', region).where('certNo', 'in', certNos).execute();
  const by = new Map(rows.map((r) => [r.certNo, r]));
  const errors: { path: string; message: string }[] = [];
  // on the field itself (each message names the certificate): a form marks the field, where an error per item would reach no control
  certNos.forEach((no) => {
    const r = by.get(no);
    const path = 'body.input.officerCertNos';
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
 * 裁量基准: the rows in force on the day of 告知 (one per 情形), read by the guard and carried on the act's input as a fact; the
 * range that applies is the pure applyDiscretion of them (checkInput refuses a deviation without a reason, reduce records it).
 */
async function discretionInForce(trx: Tx, region: string, powerId: string, on: string): Promise<DiscretionRow[]> {
  const rows = await sql<{ id: string; version: string; circumstance: string; minFine: string; maxFine: string; basis: string }>`
    select distinct on (circumstance) id, version, circumstance, min_fine as "minFine", max_fine as "maxFine", basis from enforcement_discretion
    where region_code = ${region} and power_id = ${powerId}::uuid and effective_from <= ${on}::date
    order by circumstance, effective_from desc`.execute(trx);
  return rows.rows.map((r) => ({ id: r.id, version: r.version, circumstance: r.circumstance, min: Number(r.minFine), max: Number(r.maxFine), basis: r.basis }));
}

/** Art. 58 ¶2: whoever reviews for the first time (no earlier 法制审核 of a penalty case) must hold 法律职业资格. */
async function assertQualifiedReviewer(trx: Tx, region: string, userId: string) {
  const earlier = await trx.selectFrom('caseEvents as ev').innerJoin('cases as c', 'c.id', 'ev.caseId').select('ev.caseId')
    .where('c.type', '=', 'penalty_case').where('c.regionCode', '=', region).where('ev.action', 'in', ['review_pass', 'review_fail'])
    .where('ev.actorId', '=', userId).limit(1).executeTakeFirst();
  if (earlier) return;
  const r = await trx.selectFrom('enforcementReviewers').select('legalQualificationNo').where('regionCode', '=', region).where('userId', '=', userId)
    .executeTakeFirst();
  if (!r?.legalQualificationNo) {
    throw new AppError('conflict', '初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格（第五十八条第二款）；请先登记法制审核人员及其资格');
  }
}

/** The 基准 range that applies to a 告知 (the rows in force came with the act's input from the guard). */
const appliedOf = (input: Record<string, unknown>) =>
  applyDiscretion(input.discretionInForce as DiscretionRow[], input.circumstance as string | undefined, input.fineAmount as number | undefined,
    (input.factors ?? []) as string[], Number(input.discretionShare ?? 0.5));

/** The day an act happened, as a legal date (the engine's `at`). */
const dayOf = (at: Date) => legalDateOf(at);

/** What the gates of an act check, and the facts they add to its input (dates, the 基准 in force, the hearing and payment due days). */
async function guardFacts(trx: Tx, c: CaseFacts, action: string, actor: Actor, ctx: Ctx, at: Date): Promise<Record<string, unknown> | void> {
  const d = c.data;
  const on = dayOf(at);
  if (action === 'summary_decide' && d.procedure !== '简易程序') throw conflict('普通程序案件不能当场处罚（第五十一条）');
  if (action === 'investigate' && d.procedure === '简易程序') throw conflict('简易程序案件当场作出决定');
  if (action === 'decide') {
    if (!d.notifiedOn) throw new AppError('conflict', '未告知拟处罚内容及陈述申辩、听证权利的，不得作出行政处罚决定（第四十四条、第六十二条）');
    if (d.reviewRequired && !d.reviewPassed) {
      throw new AppError('conflict', '须经法制审核的案件，未经法制审核或审核未通过的，不得作出决定（第五十八条）');
    }
    if (d.major && !d.discussedOn) throw new AppError('conflict', '情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（第五十七条第二款）');
    if (d.preservationPending) throw new AppError('conflict', '先行登记保存的证据尚未作出处理决定（第五十六条）');
  }
  if ((action === 'review_pass' || action === 'review_fail') && actor.userId) await assertQualifiedReviewer(trx, c.regionCode, actor.userId);
  if (action === 'preserve' && d.preservationPending) throw conflict('已有先行登记保存的证据尚未作出处理决定');
  if (action === 'preservation_decide' && !d.preservationPending) throw conflict('没有待处理的先行登记保存');
  if (action === 'hearing_held') {
    if (!d.hearingOn) throw conflict('尚未发出听证通知（第六十四条第二项）');
    if (on < String(d.hearingOn)) throw conflict(`听证定于 ${String(d.hearingOn)} 举行，不能在此之前记录听证完毕`);
  }
  // a decision never published has nothing to take down: the system closes its withdrawal clock at once (afterAction of revoke)
  if (action === 'withdraw_publication' && !d.publishedOn && actor.kind !== 'system') throw conflict('该决定未公示，无需撤回');
  if (action === 'withdraw_publication' && d.withdrawn) throw conflict('已撤回公示');
  if (action === 'discuss') return { discussedOn: on };
  if (action === 'investigate' || action === 'summary_decide') return { actDate: on };
  if (action === 'notify') {
    const { discretionFactorShare } = (await readSettings(trx, c.regionCode, ENFORCEMENT_SETTINGS, at)).values;
    return { notifiedOn: on, discretionInForce: await discretionInForce(trx, c.regionCode, String(d.powerId), on), discretionShare: discretionFactorShare };
  }
  if (action === 'decide') return { decidedOn: on };
  if (action === 'deliver') return { deliveredOn: on };
  if (action === 'revoke') return { revokedOn: on };
  if (action === 'publish') return { publishedOn: on };
  if (action === 'schedule_hearing') {
    // the earliest day the hearing may be held: after the 7th working day from the notice (ledger, rule enforcement.hearing_notice)
    return { noticeOn: on, noticeDue: await publishDueInTrx(ctx, trx, c.regionCode, on, 'enforcement.hearing_notice') };
  }
  if (action === 'execute') {
    // 加处罚款: days past the 15-day payment period (ledger, rule enforcement.payment) to the day of payment (Art. 72)
    const due = d.deliveredOn ? await publishDueInTrx(ctx, trx, c.regionCode, String(d.deliveredOn), 'enforcement.payment') : null;
    const daysLate = due ? Math.max(0, diffDays(due, on)) : 0;
    return { paidOn: on, paymentDue: due, daysLate, surcharge: lateSurcharge(Number(d.fineAmount ?? 0), daysLate) };
  }
}

/** The range the 基准 gives, as the case page shows it. */
const rangeText = (a: NonNullable<ReturnType<typeof appliedOf>>) =>
  `${a.circumstance}${a.factors.length ? `（${a.factors.join('、')}）` : ''}：罚款 ${a.from}–${a.to} 元`
  + `（${a.factors.length ? `基准 ${a.min}–${a.max} 元，` : ''}${a.version}，${a.basis}）${a.deviates ? '；拟罚款超出幅度，已说明理由并须法制审核' : ''}`;

/** The case's data after an act (the facts of the 三项制度 steps). */
function reduceFacts(data: Record<string, unknown>, action: string, input: Record<string, unknown>): Record<string, unknown> {
  if (action === 'investigate') return { ...data, officers: input.officerCertNos, investigatedOn: input.actDate };
  if (action === 'summary_decide') return { ...data, officers: input.officerCertNos, fineAmount: input.fineAmount, decisionNo: input.decisionNo,
    outcome: '处罚', decidedOn: input.actDate };
  if (action === 'notify') {
    const discretion = appliedOf(input);
    return { ...data, proposedPenalty: input.proposedPenalty, fineAmount: input.fineAmount ?? data.fineAmount, hearingRight: input.hearingRight,
      notifiedOn: input.notifiedOn, major: input.major, ...(input.art58 ? { art58: input.art58, reviewRequired: true } : {}),
      ...(discretion ? { circumstance: input.circumstance, factors: input.factors, discretion, deviationReason: input.deviationReason,
        discretionRange: rangeText(discretion) } : {}),
      ...(discretion?.deviates ? { reviewRequired: true } : {}) };
  }
  if (action === 'preserve') return { ...data, preservationPending: true, preservation: { approver: input.approver, items: input.items } };
  if (action === 'preservation_decide') return { ...data, preservationPending: false, preservationMeasure: input.measure };
  if (action === 'schedule_hearing') {
    return { ...data, hearingOn: input.hearingOn, hearingPlace: input.place, hearingChair: input.chair, hearingNoticeOn: input.noticeOn };
  }
  if (action === 'hearing_held') return { ...data, hearingHeld: true, hearingRecord: input.record };
  if (action === 'discuss') return { ...data, discussedOn: input.discussedOn ?? data.discussedOn, discussion: input.conclusion };
  if (action === 'deliver') return { ...data, deliveredOn: input.deliveredOn };
  if (action === 'execute') return { ...data, paidOn: input.paidOn, daysLate: input.daysLate, surcharge: input.surcharge };
  if (action === 'revoke') return { ...data, revocation: { kind: input.kind, instrument: input.instrument, reason: input.reason, on: input.revokedOn } };
  if (action === 'withdraw_publication') return { ...data, published: false, withdrawn: true };
  if (action === 'request_hearing') return { ...data, hearingRequested: true };
  if (action === 'submit_review') return { ...data, reviewSubmitted: true };
  if (action === 'review_pass') return { ...data, reviewPassed: true, reviewOpinion: input.opinion };
  if (action === 'review_fail') return { ...data, reviewPassed: false, reviewOpinion: input.opinion, notifiedOn: undefined };
  if (action === 'decide') {
    return { ...data, outcome: input.outcome, decisionNo: input.decisionNo, fineAmount: input.fineAmount, decidedOn: input.decidedOn, penalty: input.penalty,
      remedies: input.remedies };
  }
  if (action === 'publish') return { ...data, published: true, publishedOn: input.publishedOn };
  return data;
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
    // what 公示 may show (118号, personal data removed): an organisation's name; an individual's masked; the facts redacted
    const publicParty = input.partyKind === 'organisation' ? parties.name : maskName(parties.name);
    return {
      orgId: power.orgId,
      title: `${power.name}（${input.partyKind === 'organisation' ? parties.name : '个人'}）`,
      data: { ...data, facts: redactText(String(data.facts), [parties.name]), publicParty, powerCode: power.code, powerName: power.name,
        basisLaw: power.basisLaw, basisArticle: power.basisArticle, filedOn: on },
      parties: [{ role: 'party', kind: input.partyKind === 'organisation' ? 'organisation' : 'person', name: parties.name }],
    };
  },
  async guard(trx, c, action, actor, ctx, at) {
    const facts = await guardFacts(trx, c, action, actor, ctx, at);
    // 全过程记录: the acts listed by the county's setting in force that day need an 音像记录 (recordings.ts)
    const { recordingActs } = (await readSettings(trx, c.regionCode, ENFORCEMENT_SETTINGS, at)).values;
    const rec = await recordingFacts(trx, c.id, action, recordingActs, dayOf(at));
    return facts || Object.keys(rec).length ? { ...facts, ...rec } : undefined;
  },
  async checkInput(trx, c, action, input) {
    if (action === 'attach_recording') return checkRecording(trx, c.id, (c.data.recordingActs ?? []) as RecordedAct[], input);
    if (action === 'notify') {
      const applied = appliedOf(input);
      if (applied?.deviates && !input.deviationReason) {
        throw invalid([{ path: 'body.input.deviationReason',
          message: `拟罚款 ${String(input.fineAmount)} 元超出裁量基准（${applied.circumstance}${applied.factors.length ? `、${applied.factors.join('、')}` : ''}：`
          + `${applied.from}–${applied.to} 元，`
          + `${applied.version}），须书面说明理由` }]);
      }
      return;
    }
    if (action === 'schedule_hearing') {
      const errors: { path: string; message: string }[] = [];
      if (input.noticeDue && String(input.hearingOn) <= String(input.noticeDue)) {
        errors.push({ path: 'body.input.hearingOn', message: `应当在举行听证的七个工作日前通知当事人（第六十四条第二项）：听证日期须晚于 ${String(input.noticeDue)}` });
      }
      if ((c.data.officers as string[] | undefined)?.includes(String(input.chairCertNo))) {
        errors.push({ path: 'body.input.chairCertNo', message: '听证由非本案调查人员主持（第六十四条第四项），该执法人员参与了本案调查' });
      }
      if (errors.length) throw invalid(errors);
      return;
    }
    if (action === 'execute' && input.paidAmount !== undefined) {
      const owed = Number(c.data.fineAmount ?? 0) + Number(input.surcharge ?? 0);
      if (Number(input.paidAmount) < owed) {
        throw invalid([{ path: 'body.input.paidAmount', message: `应缴 ${owed} 元（罚款 ${Number(c.data.fineAmount ?? 0)} 元，加处罚款 ${Number(input.surcharge)} 元，逾期 `
          + `${Number(input.daysLate)} 日，第七十二条），实缴不足` }]);
      }
      return;
    }
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
    const next = reduceFacts(data, action, input);
    // 全过程记录: an act that needs an 音像记录 opens a gap; attaching its recording closes it
    const acts = (next.recordingActs ?? []) as RecordedAct[];
    if (input.recordingRequired) {
      const all = [...acts, { seq: Number(input.recordingSeq), act: action, label: RECORDABLE_ACTS[action as keyof typeof RECORDABLE_ACTS] ?? action,
        on: String(input.recordingOn) }];
      return { ...next, recordingActs: all, recordingGaps: gapLabels(all) };
    }
    if (action === 'attach_recording') {
      const all = acts.map((a) => (a.seq === Number(input.seq) ? { ...a, fileId: String(input.fileId), filename: String(input.filename),
        sm3: String(input.sm3), kind: String(input.kind) } : a));
      return { ...next, recordingActs: all, recordingGaps: gapLabels(all) };
    }
    return next;
  },
  async afterAction(trx, c, action, input, ctx, at) {
    const d = c.data;
    const row = await trx.selectFrom('cases').select(['regionCode', 'orgId']).where('id', '=', c.id).executeTakeFirstOrThrow();
    const actor = { userId: null, name: '行政执法公示' };
    if (action === 'publish') {
      await publishInTrx(ctx, trx, {
        regionCode: row.regionCode, orgId: row.orgId, sourceModule: MODULE_ID, sourceRef: c.id, category: 'art20_6_penalty', rule: 'enforcement.publication',
        title: `行政处罚决定（${String(d.decisionNo)}）：${String(d.powerName)}`, docNo: String(d.decisionNo),
        summary: `当事人：${String(d.publicParty ?? '')}；决定结果：${String(d.outcome ?? '')}；决定日期：${String(d.decidedOn)}`,
        body: [`违法事实：${String(d.facts ?? '')}`, `处罚种类和依据：${redactText(String(d.penalty ?? ''))}`, `执法类别：${String(d.field ?? '')}`,
          d.discretion ? `适用裁量基准：${(d.discretion as { version: string }).version}` : ''].filter(Boolean).join('\n'),
        formedOn: String(d.decidedOn), publishedOn: dayOf(at), actor,
      });
    }
    if (action === 'withdraw_publication' && d.publishedOn) {
      await withdrawInTrx(ctx, trx, { regionCode: row.regionCode, sourceModule: MODULE_ID, sourceRef: c.id, reason: String(input.explanation), actor });
    }
    // never published: nothing to take down, the withdrawal clock stops at once
    if (action === 'revoke' && !d.publishedOn) {
      await performInTrx(ctx, trx, { caseId: c.id, action: 'withdraw_publication', input: { explanation: '该决定未公示，无需撤回' },
        actor: ctx.registry.systemActor(MODULE_ID, '撤回公示'), occurredAt: at });
    }
  },
  publicFields: ['powerName', 'procedure', 'outcome', 'decisionNo'],
  publicTitle: (d) => String(d.powerName ?? '行政处罚案件'),
};
