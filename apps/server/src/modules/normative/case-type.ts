/**
 * The behaviour of a 规范性文件 case beyond its table (workflow.ts), each gate with its article:
 * - 起草: the 制定机关 is on the county's 制定主体清单, 公文种类 and 管理事项类别 from the county's lists (115号 二(三)); a
 *   document touching market entities carries its 公平竞争审查 record (优化营商环境条例 Art. 63; 公平竞争审查条例); a cited
 *   规范性文件 must be published and in force (Art. 64, citable.ts).
 * - 征求意见: at least 30 days for a document touching market entities unless a reason is stated (Art. 62); it is closed
 *   with the 采纳情况 no earlier than its announced end.
 * - 送合法性审核: opens a legality_review case (kind 规范性文件) in the same transaction; a document touching market entities
 *   goes only after its public comment (Art. 62).
 * - 集体审议: only after the review concluded 合法, or 修改后合法 with the changes recorded (115号: 未经合法性审核或者经审核
 *   不合法的，不得提交集体审议).
 * - 统一登记: the 登记号 from the county-year counter in this transaction (registry-no.ts). 统一公布 only after 登记.
 */
import { dueFrom, legalDateOf, type LegalDate } from '@yifa/contracts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import { AppError } from '../../platform/http/problem.ts';
import { closedRound, closingCountsInTrx } from '../../platform/consultations/comments.ts';
import { requireDesignated } from '../../platform/orgs/designations.ts';
import { resolveRule } from '../../platform/time/ledger-store.ts';
import { abolishInTrx, publishInTrx } from '../../platform/publication/publication.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { normativeWorkflow, NORMATIVE_TYPE } from './workflow.ts';
import { normativeSettings } from './settings.ts';
import { notCitableReason } from './citable.ts';
import { allocateRegNoInTrx } from './registry-no.ts';
import { validUntilOf } from './validity.ts';

type FieldErr = { path: string; message: string };
const fail = (errors: FieldErr[]) => new AppError('validation_failed', errors[0].message, { errors });
const refuse = (detail: string, state: string) => new AppError('transition_not_allowed', detail, { state });

export const MODULE_ID = 'normative';
const REVIEW_GATE = '国办发〔2018〕115号：未经合法性审核或者经审核不合法的，不得提交集体审议';
const PUBLISH_GATE = '"三统一"：未经统一登记、统一编号的规范性文件不得公布（本县规定，参照地方规范性文件管理规定）';

interface Basis { lawId?: string; normativeId?: string; lawTitle: string; article?: string }

/** The 合法性审核 case of this draft now (the last one sent). */
async function reviewOf(trx: Tx, id: unknown) {
  if (typeof id !== 'string') return null;
  return trx.selectFrom('cases').select(['id', 'number', 'state', 'data']).where('id', '=', id).where('type', '=', 'legality_review').executeTakeFirst() ?? null;
}

async function openReviewInTrx(ctx: Ctx, trx: Tx, c: { id: string; orgId: string; data: Record<string, unknown> }, actor: Parameters<NonNullable<CaseType['guard']>>[3]) {
  const d = c.data;
  // 依据 taken from the 法律法规目录 go with it (a legality-review that knows `bases` records them; one that does not drops them)
  const lawBases = ((d.bases as Basis[] | undefined) ?? []).filter((b) => b.lawId).map((b) => ({ lawId: b.lawId, ...(b.article ? { article: b.article } : {}) }));
  const id = await openCaseInTrx(ctx, trx, 'legality_review', {
    kind: '规范性文件', title: String(d.title), draftingOrgId: c.orgId, docKind: d.docKind, affectsMarket: d.affectsMarket === true,
    summary: String(d.explanation ?? '').slice(0, 2000).padEnd(10, '。'), sourceCaseId: c.id, ...(lawBases.length ? { bases: lawBases } : {}),
  }, actor, null);
  // only the id is kept: the review's public number is read when shown (a case may be numbered at the end of its transaction)
  return { reviewCaseId: id };
}

/** The shortest comment period's last day for a start date (≥ 30 days: 优化营商环境条例 Art. 62), from the ledger. */
export async function commentFloorEnd(ctx: Ctx, trx: Tx, region: string, startOn: LegalDate): Promise<{ end: LegalDate; basis: string; days: number }> {
  const rule = await resolveRule(ctx, trx, 'normative.comment.market', startOn, region);
  const cal = await ctx.calendar.get(trx);
  return { end: dueFrom(cal, startOn, rule.length, 'days', false).dueDate!, basis: rule.basis, days: rule.length };
}

export const normativeCaseType: CaseType = {
  workflow: normativeWorkflow,
  async open(input, actor, ctx, trx, at) {
    const region = ctx.config.defaultRegion;
    const s = await normativeSettings(trx, region, at);
    const errors: FieldErr[] = [];
    const issuerId = String(input.issuerOrgId);
    if (!s.issuers.length) errors.push({ path: 'body.input.issuerOrgId', message: '本县尚未公布规范性文件制定主体清单，请先在设置中维护' });
    else if (!s.issuers.includes(issuerId)) errors.push({ path: 'body.input.issuerOrgId', message: '该机构不在本县规范性文件制定主体清单内（国办发〔2018〕115号 二(三)）' });
    if (!(s.docKinds as readonly string[]).includes(String(input.docKind))) errors.push({ path: 'body.input.docKind', message: `公文种类应为本县规定的种类之一：${s.docKinds.join('、')}` });
    if (!s.categories.includes(String(input.category))) errors.push({ path: 'body.input.category', message: `管理事项类别应为本县规定的类别之一：${s.categories.join('、')}` });
    if (input.affectsMarket === true && !input.fairCompetition) {
      errors.push({ path: 'body.input.fairCompetition', message: '涉及市场主体生产经营活动的，应当进行公平竞争审查并填写审查记录（《优化营商环境条例》第六十三条）' });
    }
    const bases = (input.bases as Basis[] | undefined) ?? [];
    for (const [i, b] of bases.entries()) {
      if (!b.normativeId) continue;
      const why = await notCitableReason(trx, b.normativeId);
      if (why) errors.push({ path: `body.input.bases.${i}.normativeId`, message: why });
    }
    let version: { versionNo: number; rootId: string } | null = null;
    if (typeof input.amendsId === 'string') {
      const old = await trx.selectFrom('normativeDocs').select(['caseId', 'rootId', 'versionNo', 'state']).where('caseId', '=', input.amendsId).executeTakeFirst();
      if (!old || old.state !== 'in_force') errors.push({ path: 'body.input.amendsId', message: '只能修改现行有效的规范性文件' });
      else version = { versionNo: old.versionNo + 1, rootId: old.rootId };
    }
    const issuer = await trx.selectFrom('orgs').select(['id', 'kind', 'regionCode']).where('id', '=', issuerId).executeTakeFirst();
    if (!issuer && !errors.some((e) => e.path === 'body.input.issuerOrgId')) errors.push({ path: 'body.input.issuerOrgId', message: '机构不存在' });
    if (errors.length) throw fail(errors);
    const justice = await requireDesignated(ctx, trx, region, 'justice_bureau', legalDateOf(at), 'body.type');
    const drafting = actor.orgId ?? issuerId;
    const orgs = [{ orgId: justice.id, role: 'assist' as const }, ...(issuerId !== drafting && issuerId !== justice.id ? [{ orgId: issuerId, role: 'assist' as const }] : [])];
    return {
      orgId: drafting,
      title: String(input.title),
      orgs: drafting === justice.id ? orgs.filter((o) => o.orgId !== justice.id) : orgs,
      // a county government's own document is filed upward (上一级政府、本级人大常委会); a department's or township's with the county
      data: { ...input, text: input.draft, versionNo: version?.versionNo ?? 1, ...(version ? { rootId: version.rootId } : {}),
        ...(issuer?.kind === 'government' ? { filingRule: 'upper' } : {}) },
    };
  },

  async guard(trx, c, action, actor, ctx, at, allowed) {
    const d = c.data;
    const on = legalDateOf(at);
    const may = allowed.includes(action);
    if (action === 'publish' && ['drafting', 'commenting', 'commented', 'reviewing', 'deliberated'].includes(c.state)) {
      throw refuse(`该文件尚未统一登记，不得公布。${PUBLISH_GATE}`, c.state);
    }
    if (!may) return;
    switch (action) {
      case 'submit_review': {
        if (d.affectsMarket === true && c.state === 'drafting') {
          throw refuse('涉及市场主体生产经营活动的规范性文件，应当先向社会公开征求意见并公布采纳情况，再送合法性审核（《优化营商环境条例》第六十二条）', c.state);
        }
        return { ...await openReviewInTrx(ctx, trx, c, actor), on };
      }
      case 'resubmit_review': {
        const r = await reviewOf(trx, d.reviewCaseId);
        const concl = (r?.data as Record<string, unknown> | undefined)?.conclusion;
        if (r && !['concluded', 'returned', 'withdrawn'].includes(r.state)) throw refuse(`合法性审核（${r.number}）尚在办理中，不能重新送审`, c.state);
        if (r?.state === 'concluded' && concl !== '不合法') throw refuse(`合法性审核结论为"${String(concl)}"，无需重新送审，请提交集体审议`, c.state);
        return { ...await openReviewInTrx(ctx, trx, c, actor), on };
      }
      case 'deliberate': {
        const r = await reviewOf(trx, d.reviewCaseId);
        if (!r || r.state !== 'concluded') throw refuse(`合法性审核尚未出具审核意见，不得提交集体审议（${REVIEW_GATE}）`, c.state);
        const conclusion = String((r.data as Record<string, unknown>).conclusion);
        if (conclusion !== '合法' && conclusion !== '修改后合法') {
          throw refuse(`合法性审核结论为"${conclusion}"，不得提交集体审议（${REVIEW_GATE}）；请修改后重新送审`, c.state);
        }
        return { reviewConclusion: conclusion, reviewChanges: (r.data as Record<string, unknown>).changes ?? null, on };
      }
      case 'register': {
        const s = await normativeSettings(trx, c.regionCode, at);
        const year = Number(on.slice(0, 4));
        const { regNo } = await allocateRegNoInTrx(trx, c.regionCode, year, s.regNoPrefix);
        return { regNo, regYear: year, on };
      }
      case 'issue': {
        const s = await normativeSettings(trx, c.regionCode, at);
        return { validityYears: d.trial ? s.trialValidityYears : s.validityYears, on };
      }
      case 'close_comment':
        return { ...await closingCountsInTrx(trx, c, on), on };
      case 'take_effect': {
        if (typeof d.effectiveOn === 'string' && on < d.effectiveOn) throw refuse(`施行日期为 ${d.effectiveOn}，尚未到施行日期`, c.state);
        return { on };
      }
      case 'file':
        if ((d.filing as Record<string, unknown> | undefined)?.filedOn) throw refuse('该文件已报送备案', c.state);
        return { on };
      case 'filing_accept':
      case 'filing_correct': {
        const f = d.filing as Record<string, unknown> | undefined;
        if (!f?.filedOn) throw refuse('该文件尚未报送备案，不能进行备案审查', c.state);
        if (f.status === '纠错中') throw refuse('纠错通知尚未办结，请先记录纠错结果', c.state);
        return { on };
      }
      case 'correction_outcome':
        if ((d.filing as Record<string, unknown> | undefined)?.status !== '纠错中') throw refuse('该文件没有待办结的纠错通知', c.state);
        return { on };
      default:
        return { on };
    }
  },

  // The standing 备案 steps and 施行 are offered only when there is something to act on (the guard above says why otherwise).
  offered(data, action, today) {
    const f = data.filing as Record<string, unknown> | undefined;
    switch (action) {
      case 'take_effect': return typeof data.effectiveOn !== 'string' || today >= data.effectiveOn;
      case 'file': return !f?.filedOn;
      case 'filing_accept':
      case 'filing_correct': return !!f?.filedOn && f.status !== '纠错中';
      case 'correction_outcome': return f?.status === '纠错中';
      default: return true;
    }
  },

  async checkInput(trx, c, action, input, _actor, ctx, at) {
    const on = legalDateOf(at);
    if (action === 'open_comment') {
      const start = String(input.startOn);
      const end = String(input.endOn);
      const errors: FieldErr[] = [];
      if (start < on) errors.push({ path: 'body.input.startOn', message: '征求意见开始日期不能早于今天' });
      if (end <= start) errors.push({ path: 'body.input.endOn', message: '截止日期应晚于开始日期' });
      else if (c.data.affectsMarket === true && !input.shortReason) {
        const floor = await commentFloorEnd(ctx, trx, c.regionCode, start);
        if (end < floor.end) {
          errors.push({ path: 'body.input.endOn', message: `涉及市场主体的文件征求意见期限一般不少于${floor.days}日，截止日期不得早于 ${floor.end}；确需缩短的，请选择理由（${floor.basis}）` });
        }
      }
      if (input.shortReason && !input.shortNote) errors.push({ path: 'body.input.shortNote', message: '缩短征求意见期限的，请说明理由' });
      if (errors.length) throw fail(errors);
    }
    if (action === 'deliberate') {
      const errors: FieldErr[] = [];
      if (input.reviewConclusion === '修改后合法' && !input.changesMade) {
        errors.push({ path: 'body.input.changesMade', message: '合法性审核结论为修改后合法的，请写明按审核意见修改的情况' });
      }
      if (String(input.meetingOn) > on) errors.push({ path: 'body.input.meetingOn', message: '会议日期不能晚于今天' });
      if (errors.length) throw fail(errors);
    }
    if (action === 'issue') {
      const max = validUntilOf(String(input.effectiveOn), Number(input.validityYears));
      if (typeof input.validUntil === 'string' && (input.validUntil > max || input.validUntil < String(input.effectiveOn))) {
        throw fail([{ path: 'body.input.validUntil', message: `有效期至应在施行日期与 ${max} 之间（本县设定有效期${String(input.validityYears)}年）` }]);
      }
    }
    if ((action === 'repeal' && String(input.repealedOn) > on) || (action === 'expire' && String(input.expiredOn) > on)) {
      throw fail([{ path: `body.input.${action === 'repeal' ? 'repealedOn' : 'expiredOn'}`, message: '日期不能晚于今天' }]);
    }
  },

  reduce(data, action, input) {
    const on = input.on as string | undefined;
    switch (action) {
      case 'open_comment':
        return { ...data, comment: { startOn: input.startOn, endOn: input.endOn, shortReason: input.shortReason ?? null, shortNote: input.shortNote ?? null, draft: data.text } };
      case 'close_comment':
        return { ...data, comment: closedRound(data, input, on) };
      case 'submit_review':
      case 'resubmit_review':
        return { ...data, reviewCaseId: input.reviewCaseId, reviewConclusion: null };
      case 'deliberate':
        return {
          ...data, reviewConclusion: input.reviewConclusion, text: input.finalText ?? data.text,
          deliberation: { body: input.body, meetingOn: input.meetingOn, session: input.session, minutes: input.minutes, changesMade: input.changesMade ?? null },
        };
      case 'register':
        return { ...data, regNo: input.regNo, regYear: input.regYear, registeredOn: on };
      case 'issue':
        return { ...data, docNo: input.docNo, issuedOn: on, effectiveOn: input.effectiveOn,
          validUntil: input.validUntil ?? validUntilOf(String(input.effectiveOn), Number(input.validityYears)) };
      case 'publish':
        return { ...data, publishedOn: on, interpretation: input.interpretation ?? null, filing: { status: '待报送' } };
      case 'file':
        return { ...data, filing: { ...(data.filing as object), status: '已报送', filedOn: on, filingNo: input.filingNo ?? null } };
      case 'filing_accept':
        return { ...data, filing: { ...(data.filing as object), status: '予以备案', reviewedOn: on, opinion: input.opinion } };
      case 'filing_correct':
        return { ...data, filing: { ...(data.filing as object), status: '纠错中', reviewedOn: on, noticeNo: input.noticeNo, problems: input.problems } };
      case 'correction_outcome':
        return { ...data, filing: { ...(data.filing as object), status: `已纠错（${String(input.outcome)}）`, correctedOn: on, outcome: input.outcome } };
      case 'repeal':
        return { ...data, endedOn: input.repealedOn, endReason: input.reason };
      case 'expire':
        return { ...data, endedOn: input.expiredOn, endReason: input.reason };
      case 'superseded':
        return { ...data, endedOn: input.on, supersededBy: input.byId, supersededByRegNo: input.byRegNo };
      default:
        return data;
    }
  },

  async afterAction(trx, c, action, input, ctx, at) {
    const d = c.data;
    const row = await trx.selectFrom('cases').select(['regionCode', 'orgId']).where('id', '=', c.id).executeTakeFirstOrThrow();
    const actor = ctx.registry.systemActor(MODULE_ID, '统一公布');
    const pubActor = { userId: null, name: actor.name };
    if (action === 'publish') {
      await publishInTrx(ctx, trx, {
        regionCode: row.regionCode, orgId: String(d.issuerOrgId), sourceModule: MODULE_ID, sourceRef: c.id, category: 'art20_1_normative',
        title: String(d.title ?? ''), summary: `统一登记号：${String(d.regNo)}；施行日期：${String(d.effectiveOn)}`, body: String(d.text ?? ''),
        docNo: String(d.docNo), formedOn: String(d.issuedOn ?? input.on), publishedOn: String(input.on), validUntil: (d.validUntil as string | undefined) ?? null,
        actor: pubActor,
      });
      // in force from its 施行日期: a document whose day has come is 现行有效 on publication (later ones: the daily job)
      if (typeof d.effectiveOn === 'string' && d.effectiveOn <= String(input.on)) {
        await performInTrx(ctx, trx, { caseId: c.id, action: 'take_effect', input: {}, actor: ctx.registry.systemActor(MODULE_ID, '施行'), occurredAt: at });
      }
      if (typeof d.amendsId === 'string') {
        const old = await trx.selectFrom('cases').select('state').where('id', '=', d.amendsId).executeTakeFirst();
        if (old?.state === 'in_force') {
          await performInTrx(ctx, trx, { caseId: d.amendsId, action: 'superseded', input: { byId: c.id, byRegNo: String(d.regNo), on: String(input.on) },
            actor: ctx.registry.systemActor(MODULE_ID, '新版本公布'), occurredAt: at });
        }
      }
    }
    // a draft given up while its review runs: the review is withdrawn with it (the 司法局 stops working on it)
    if (action === 'abandon' && typeof d.reviewCaseId === 'string') {
      const r = await trx.selectFrom('cases').select('state').where('id', '=', d.reviewCaseId).executeTakeFirst();
      if (r && ['submitted', 'reviewing', 'supplementing'].includes(r.state)) {
        await performInTrx(ctx, trx, { caseId: d.reviewCaseId, action: 'withdraw', input: { reason: `起草单位终止制定：${String(input.reason ?? '')}` },
          actor: ctx.registry.systemActor(MODULE_ID, '终止制定'), occurredAt: at });
      }
    }
    if ((action === 'repeal' || action === 'expire' || action === 'superseded') && d.publishedOn) {
      await abolishInTrx(ctx, trx, { regionCode: row.regionCode, sourceModule: MODULE_ID, sourceRef: c.id, abolishedOn: String(d.endedOn), actor: pubActor });
    }
  },

  publicFields: ['regNo', 'docNo', 'effectiveOn'],
};

export const isNormative = (type: string) => type === NORMATIVE_TYPE;
