/**
 * The 依申请公开 case type: how a request is opened (owner = the agency asked, applicant as an
 * encrypted party) and the projection `disclosure_requests` the annual report counts, kept in the
 * case's own transaction.
 */
import { legalDateOf } from '@yifa/contracts';
import { sql } from 'kysely';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { CaseEventNotice } from '../../platform/registry.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/problem.ts';
import { ANSWER_TYPES, CHANNELS, defaultLeaf, FEE_BASIS, feePerItem, feePerVolume, LEAF_KEYS, WITHHOLD_GROUNDS, type Channel } from './rules.ts';
import { CLOSING_LEAF, disclosureRequestWorkflow } from './workflow.ts';

export const REQUEST_TYPE = 'disclosure_request';

/** The table 三 leaf of an answer, with the county's override of the crosswalk. */
export async function leafFor(trx: Tx, region: string, answerType: string, ground: string | null): Promise<string> {
  const key = answerType === 'withhold' ? `withhold:${ground}` : answerType;
  const o = await trx.selectFrom('disclosureLeafOverrides').select('leaf').where('regionCode', '=', region).where('answerType', '=', key).executeTakeFirst();
  if (o && LEAF_KEYS.includes(o.leaf)) return o.leaf;
  return defaultLeaf(answerType, ground);
}

export const requestCaseType: CaseType = {
  workflow: disclosureRequestWorkflow,
  async open(input, actor, _ctx, trx) {
    const org = await trx.selectFrom('orgs').select(['id', 'name', 'kind', 'regionCode', 'dissolvedOn']).where('id', '=', String(input.orgId)).executeTakeFirst();
    if (!org || org.dissolvedOn || !['government', 'department', 'township'].includes(org.kind)) {
      throw new AppError('validation_failed', '受理机关无效', { errors: [{ path: 'body.input.orgId', message: '请选择人民政府、政府部门或乡镇（街道）（第二十七条）' }] });
    }
    if (actor.kind === 'public' && input.channel !== 'online') {
      throw new AppError('validation_failed', '网上提交的申请方式只能是互联网渠道', { errors: [{ path: 'body.input.channel', message: '网上提交请选择"互联网渠道"' }] });
    }
    if (actor.kind === 'public' && input.receivedOn) {
      throw new AppError('validation_failed', '网上提交以回执之日为收到申请之日，不能另填日期', { errors: [{ path: 'body.input.receivedOn', message: '网上提交无需填写' }] });
    }
    const applicant = (input.parties as { applicant: { name: string; idNo: string; phone: string; address?: string; email?: string } }).applicant;
    const channel = input.channel as Channel;
    const { parties: _p, ...facts } = input;
    return {
      orgId: org.id,
      title: `政府信息公开申请：${String(input.description).slice(0, 40)}`,
      data: {
        ...facts, orgName: org.name, receiptRule: CHANNELS[channel].receipt,
      },
      parties: [{
        role: 'applicant', kind: input.applicantKind === 'natural' ? 'person' : 'organisation',
        name: applicant.name, phone: applicant.phone, idNo: applicant.idNo, address: [applicant.address, applicant.email].filter(Boolean).join('；') || null,
        email: applicant.email ?? null,
      }],
    };
  },
  reduce(data, action, input) {
    if (action === 'answer') {
      const t = ANSWER_TYPES[String(input.answerType)];
      return { ...data, answerType: input.answerType, answerLabel: t?.label, ground: input.ground ?? null, groundLabel: input.ground ? WITHHOLD_GROUNDS[String(input.ground)]?.label : null, answerDocNo: input.docNo, answerContent: input.content };
    }
    if (action === 'request_correction') return { ...data, correctionItems: input.items };
    if (action === 'consult') return { ...data, consultee: input.consultee, consulteeName: input.name, consultRounds: Number(data.consultRounds ?? 0) + 1 };
    if (action === 'delay') return { ...data, delayApplicantReason: input.applicantReason, delayReason: input.reason, delayDays: Number(data.delayDays ?? 0) + Number(input.days) };
    if (action === 'serve') return { ...data, serviceMethod: input.method };
    return data;
  },
  async afterAction(trx, c, action, input, ctx, at) {
    if (action === 'abandon' || action === 'fee_overdue') {
      // 视为放弃 / 不再处理 only after the period has run out.
      const key = action === 'abandon' ? 'correction' : 'fee';
      const k = await trx.selectFrom('clocks').select(['metDeadline', 'dueAt']).where('caseId', '=', c.id).where('key', '=', key).executeTakeFirst();
      if (k?.metDeadline) {
        throw new AppError('conflict', `${action === 'abandon' ? '补正' : '缴费'}期限尚未届满（截至 ${k.dueAt ? legalDateOf(k.dueAt) : '—'}），不能${action === 'abandon' ? '视为放弃' : '终止处理'}`);
      }
    }
    if (action === 'notify_fee') {
      const p = await trx.selectFrom('disclosureRequests').select(['orgId', 'applicantIndex', 'receivedOn']).where('caseId', '=', c.id).executeTakeFirstOrThrow();
      let amount: number; let detail: string;
      if (input.mode === 'per_volume') {
        amount = feePerVolume(Number(input.pages));
        detail = `按量计收：${input.pages}页`;
      } else {
        const month = String(p.receivedOn).slice(0, 7);
        const n = await trx.selectFrom('disclosureRequests as r').innerJoin('cases as x', 'x.id', 'r.caseId')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('r.orgId', '=', p.orgId).where('r.applicantIndex', '=', p.applicantIndex)
          .where(sql<boolean>`to_char(r.received_on, 'YYYY-MM') = ${month}`)
          .where('x.number', '<=', (await trx.selectFrom('cases').select('number').where('id', '=', c.id).executeTakeFirstOrThrow()).number)
          .executeTakeFirstOrThrow();
        amount = feePerItem(n.n);
        detail = `按件计收：该申请人本月第${n.n}件申请`;
      }
      if (amount === 0) {
        throw new AppError('validation_failed', `${detail}，依法不收费`, { errors: [{ path: input.mode === 'per_volume' ? 'body.input.pages' : 'body.input.mode', message: `${detail}，在免费范围内（${FEE_BASIS}）` }] });
      }
      await trx.updateTable('disclosureRequests').set({ feeMode: input.mode as 'per_item' | 'per_volume', feeAmount: amount, updatedAt: at }).where('caseId', '=', c.id).execute();
      await trx.updateTable('cases').set({ data: JSON.stringify({ ...c.data, fee: { mode: input.mode, amount, detail, basis: FEE_BASIS } }) }).where('id', '=', c.id).execute();
    }
  },
  /** 补正后仍不明确 (Art. 30, table 三 （四）3) presupposes a 补正. */
  checkInput(_trx, c, action, input) {
    if (action === 'answer' && input.answerType === 'still_unclear' && !c.data.correctionItems) {
      throw new AppError('validation_failed', '"补正后申请内容仍不明确"只能在告知补正并收到补正后选择（第三十条）', {
        errors: [{ path: 'body.input.answerType', message: '本申请未告知补正：内容不明确的，请先一次性告知补正' }],
      });
    }
  },
  publicFields: ['channel', 'orgName', 'receiptRule', 'answerLabel', 'answerDocNo', 'fee'],
};

/** Keep the projection in step with the case (called for every case event). */
export async function projectRequestInTrx(trx: Tx, e: CaseEventNotice, ctx: Ctx): Promise<void> {
  if (e.type !== REQUEST_TYPE) return;
  const on = legalDateOf(e.at);
  if (e.action === 'open') {
    const c = await trx.selectFrom('cases').select(['regionCode', 'orgId', 'data']).where('id', '=', e.caseId).executeTakeFirstOrThrow();
    const d = c.data as Record<string, unknown>;
    // Blind index of the applicant's ID (按件计收 counts per applicant per month); the ID itself stays encrypted.
    const party = await trx.selectFrom('caseParties').select('idNoEnc').where('caseId', '=', e.caseId).where('role', '=', 'applicant').executeTakeFirst();
    const idNo = ctx.crypto.decryptOpt(party?.idNoEnc ?? null);
    await trx.insertInto('disclosureRequests').values({
      caseId: e.caseId, regionCode: c.regionCode, orgId: c.orgId, channel: d.channel as Channel, applicantKind: d.applicantKind as 'natural',
      // 收到申请之日 (Art. 31) — the day the reply clock starts from, which may be before the day it was registered.
      applicantIndex: idNo ? ctx.crypto.blindIndex(idNo.replace(/\s+/g, '').toUpperCase()) : null, receivedOn: typeof d.receivedOn === 'string' ? d.receivedOn : on,
      state: e.toState, updatedAt: e.at,
    }).execute();
    return;
  }
  const set: Record<string, unknown> = { state: e.toState, updatedAt: e.at };
  if (e.action in CLOSING_LEAF) {
    const region = (await trx.selectFrom('cases').select('regionCode').where('id', '=', e.caseId).executeTakeFirstOrThrow()).regionCode;
    set.closedOn = on;
    set.answerType = e.action === 'answer' ? String(e.input.answerType) : e.action;
    set.leaf = CLOSING_LEAF[e.action] ?? await leafFor(trx, region, String(e.input.answerType), (e.input.ground as string | undefined) ?? null);
  }
  if (e.action === 'fee_paid') Object.assign(set, { feePaid: true, feePaidOn: on });
  await trx.updateTable('disclosureRequests').set(set).where('caseId', '=', e.caseId).execute();
}
