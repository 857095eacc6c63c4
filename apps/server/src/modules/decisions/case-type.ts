/**
 * The behaviour of the 决策事项目录 and of a 重大行政决策 beyond their tables (workflow.ts), each gate citing its article of
 * 《重大行政决策程序暂行条例》:
 * - 目录: published only after the 同级党委 consent is recorded (Art. 3 ¶3); an item added during the year the same way;
 *   a department's or township's own 目录 (Art. 42).
 * - 决策启动: only for an item of a published 目录, or with a recorded urgency reason; the Art. 3 ¶2 exclusions refused.
 * - 公众参与: required unless 依法不予公开 with the reason (Art. 14); comment period ≥ 30 days unless a reason (Art. 15);
 *   听证会: participants list published and materials sent ≥ 7 days before, minutes signed (Art. 17).
 * - 专家论证 when flagged: experts from the 专家库, no conflict, signed opinions (Art. 19–21).
 * - 风险评估 when flagged: a 不可控 result blocks until the draft is adjusted (Art. 22–24).
 * - 合法性审查: always, a legality_review of kind 重大行政决策 opened in the same transaction (Art. 25–28).
 * - 集体讨论决定: the Art. 29 pack complete, the review concluded 合法; the head speaks last, a reason when against the
 *   majority (Art. 30). Then 党委请示报告 (Art. 31), 公布 with the 采纳情况 (Art. 32), 执行, 后评估 by someone other than the
 *   pre-decision risk assessor (Art. 35–36), 调整 / 中止 / 停止 (Art. 37).
 */
import { advisorsByIds } from '../advisors/store.ts';
import { dueFrom, legalDateOf, type LegalDate } from '@yifa/contracts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import { openCaseInTrx } from '../../platform/cases/engine.ts';
import { AppError } from '../../platform/http/problem.ts';
import { closedRound, closingCountsInTrx } from '../../platform/consultations/comments.ts';
import { resolveRule } from '../../platform/time/ledger-store.ts';
import { publishInTrx } from '../../platform/publication/publication.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { catalogWorkflow, decisionWorkflow, EXCLUDED, ORDER } from './workflow.ts';
import { meetingProblems, type Meeting } from './meeting.ts';

type FieldErr = { path: string; message: string };
type Doc = Record<string, unknown>;
const fail = (errors: FieldErr[]) => new AppError('validation_failed', errors[0].message, { errors });
const refuse = (detail: string, state: string) => new AppError('transition_not_allowed', detail, { state });

export const MODULE_ID = 'decisions';
const pubActor = (ctx: Ctx, what: string) => ({ userId: null, name: ctx.registry.systemActor(MODULE_ID, what).name });

/** A floor's last day from a start date, from the deadline ledger (the rule carries its basis). */
export async function floorFrom(ctx: Ctx, trx: Tx, key: string, region: string, startOn: LegalDate) {
  const rule = await resolveRule(ctx, trx, key, startOn, region);
  const cal = await ctx.calendar.get(trx);
  return { end: dueFrom(cal, startOn, rule.length, 'days', false).dueDate!, basis: rule.basis, days: rule.length };
}

interface Item { title: string; scope: string; standard: string; leadOrgId: string; addedOn?: string }

const catalogBody = (items: Item[]) => items.map((it, i) => `${i + 1}. ${it.title}（${it.scope}）；标准：${it.standard}${it.addedOn ? `；${it.addedOn}增补` : ''}`).join('\n');

export const catalogCaseType: CaseType = {
  workflow: catalogWorkflow,
  async open(input, actor, _ctx, trx) {
    const errors: FieldErr[] = [];
    const owner = await trx.selectFrom('orgs').select(['id', 'kind']).where('id', '=', String(input.ownerOrgId)).executeTakeFirst();
    if (!owner) errors.push({ path: 'body.input.ownerOrgId', message: '决策机关不存在' });
    const items = input.items as Item[];
    const leads = new Set((await trx.selectFrom('orgs').select('id').where('id', 'in', items.map((i) => i.leadOrgId)).execute()).map((o) => o.id));
    items.forEach((it, i) => { if (!leads.has(it.leadOrgId)) errors.push({ path: `body.input.items.${i}.leadOrgId`, message: '承办单位不存在' }); });
    if (errors.length) throw fail(errors);
    return { orgId: actor.orgId ?? owner!.id, title: `${String(input.year)}年度重大行政决策事项目录`, data: { ...input, items: items.map((it, i) => ({ ...it, no: i + 1 })) } };
  },
  async checkInput(_trx, _c, action, input, _actor, _ctx, at) {
    if ((action === 'record_consent' || action === 'add_item') && String(input.consentedOn) > legalDateOf(at)) {
      throw fail([{ path: 'body.input.consentedOn', message: '党委同意日期不能晚于今天' }]);
    }
  },
  async guard(_trx, c, action, _actor, _ctx, at) {
    if (action === 'publish' && c.state === 'drafting') {
      throw refuse(`目录尚未经同级党委同意，不得公布（${ORDER}第三条第三款：决策事项目录和标准经同级党委同意后向社会公布）`, c.state);
    }
    return { on: legalDateOf(at) };
  },
  reduce(data, action, input) {
    const consent = { partyBody: input.partyBody, consentedOn: input.consentedOn, consentRef: input.consentRef };
    switch (action) {
      case 'record_consent': return { ...data, consent };
      case 'publish': return { ...data, publishedOn: input.on };
      case 'add_item': {
        const items = data.items as Item[];
        return { ...data, items: [...items, { ...(input.item as Item), no: items.length + 1, addedOn: input.on, consent }] };
      }
      default: return data;
    }
  },
  async afterAction(trx, c, action, _input, ctx) {
    if (action !== 'publish' && action !== 'add_item') return;
    const d = c.data;
    const row = await trx.selectFrom('cases').select(['regionCode']).where('id', '=', c.id).executeTakeFirstOrThrow();
    const consent = d.consent as Doc;
    await publishInTrx(ctx, trx, {
      regionCode: row.regionCode, orgId: String(d.ownerOrgId), sourceModule: MODULE_ID, sourceRef: c.id, category: 'custom:重大行政决策事项目录',
      title: `${String(d.year)}年度重大行政决策事项目录`, summary: `经${String(consent.partyBody)}同意（${String(consent.consentRef)}）`,
      body: catalogBody(d.items as Item[]), formedOn: String(consent.consentedOn), publishedOn: String(d.publishedOn), actor: pubActor(ctx, '公布目录'),
    });
  },
};

/** The 合法性审查 case of this decision now (the last one sent). */
async function reviewOf(trx: Tx, id: unknown) {
  if (typeof id !== 'string') return null;
  return trx.selectFrom('cases').select(['id', 'number', 'state', 'data']).where('id', '=', id).where('type', '=', 'legality_review').executeTakeFirst() ?? null;
}

async function openReviewInTrx(ctx: Ctx, trx: Tx, c: { id: string; orgId: string; title: string; data: Doc }, actor: Parameters<NonNullable<CaseType['guard']>>[3]) {
  const d = c.data;
  const id = await openCaseInTrx(ctx, trx, 'legality_review', {
    kind: '重大行政决策', title: c.title, draftingOrgId: String(d.leadOrgId ?? c.orgId), summary: String(d.explanation ?? d.draft ?? '').slice(0, 2000).padEnd(10, '。'),
    sourceCaseId: c.id,
  }, actor, null);
  return { reviewCaseId: id };
}

/** What the public participation must show before the draft goes to review (Art. 14–17). */
function participationGaps(d: Doc): string[] {
  const gaps: string[] = [];
  if (!d.nonPublicReason) {
    const comment = d.comment as Doc | undefined;
    if (!comment) gaps.push(`公众参与（未向社会公开征求意见；依法不予公开的须写明理由，${ORDER}第十四条）`);
    else if (!comment.adoption) gaps.push(`公开征求意见尚未结束并公布采纳情况（第十五条）`);
  }
  const hearing = d.hearing as Doc | undefined;
  if (hearing && !hearing.minutes) gaps.push('听证会尚未召开并形成经参加人签字的笔录（第十七条）');
  return gaps;
}
const expertGaps = (d: Doc) => (d.needsExpert === true && !((d.experts as unknown[] | undefined)?.length)
  ? [`专家论证意见（该事项专业性、技术性较强，${ORDER}第十九条）`] : []);
function riskGaps(d: Doc): string[] {
  if (d.needsRisk !== true) return [];
  const r = d.risk as Doc | undefined;
  if (!r) return [`风险评估报告（${ORDER}第二十二条）`];
  if (r.result === '风险不可控' && !r.adjustedOn) return [`风险评估结论为风险不可控，须调整决策草案后方可提交讨论（${ORDER}第二十四条）`];
  return [];
}

export const decisionCaseType: CaseType = {
  workflow: decisionWorkflow,
  async open(input, actor, _ctx, trx, at) {
    const errors: FieldErr[] = [];
    const on = legalDateOf(at);
    if ((EXCLUDED as readonly string[]).includes(String(input.scope))) {
      errors.push({ path: 'body.input.scope', message: `${String(input.scope)}不适用重大行政决策程序（${ORDER}第三条第二款）` });
    }
    let catalogItem: string | null = null;
    if (typeof input.catalogId === 'string') {
      const cat = await trx.selectFrom('cases').select(['state', 'data']).where('id', '=', input.catalogId).where('type', '=', 'decision_catalog').executeTakeFirst();
      const items = ((cat?.data as Doc | undefined)?.items ?? []) as (Item & { no: number })[];
      if (!cat || cat.state !== 'published') errors.push({ path: 'body.input.catalogId', message: `只能对已公布的决策事项目录中的事项启动决策（${ORDER}第三条第三款）` });
      else if (!items.some((i) => i.no === input.itemNo)) errors.push({ path: 'body.input.itemNo', message: '目录中没有该序号的事项' });
      else catalogItem = `${String((cat.data as Doc).year)}年度目录第${String(input.itemNo)}项`;
    } else if (!input.urgencyReason || String(input.urgencyReason).length < 4) {
      errors.push({ path: 'body.input.catalogId', message: `请选择已公布的决策事项目录中的事项；未列入目录的，须写明紧急理由（${ORDER}第三条第三款）` });
    }
    const lead = await trx.selectFrom('orgs').select('id').where('id', '=', String(input.leadOrgId)).executeTakeFirst();
    if (!lead) errors.push({ path: 'body.input.leadOrgId', message: '承办单位不存在' });
    if (errors.length) throw fail(errors);
    return { orgId: actor.orgId ?? String(input.leadOrgId), title: String(input.title), data: { ...input, catalogItem, launchedOn: on } };
  },

  async guard(trx, c, action, actor, ctx, at, allowed) {
    const d = c.data;
    const on = legalDateOf(at);
    if (!allowed.includes(action)) return;
    switch (action) {
      case 'close_comment':
        return { ...await closingCountsInTrx(trx, c, on, `${ORDER}第十五条`), on };
      case 'record_hearing': {
        const h = d.hearing as Doc | undefined;
        if (!h) throw refuse('尚未安排听证会', c.state);
        if (on < String(h.hearingOn)) throw refuse(`听证会定于 ${String(h.hearingOn)} 召开，尚未召开`, c.state);
        return { on };
      }
      case 'adjust_draft':
        return { on, riskUncontrollable: (d.risk as Doc | undefined)?.result === '风险不可控' };
      case 'submit_review': {
        const gaps = [...participationGaps(d), ...expertGaps(d), ...riskGaps(d)];
        if (gaps.length) throw refuse(`尚未完成以下决策程序，不能送合法性审查：${gaps.join('；')}`, c.state);
        return { ...await openReviewInTrx(ctx, trx, { id: c.id, orgId: c.orgId, title: String(d.title ?? ''), data: d }, actor), on };
      }
      case 'resubmit_review': {
        const r = await reviewOf(trx, d.reviewCaseId);
        if (r && !['concluded', 'returned', 'withdrawn'].includes(r.state)) throw refuse(`合法性审查（${r.number}）尚在办理中，不能重新送审`, c.state);
        const caseRow = await trx.selectFrom('cases').select('title').where('id', '=', c.id).executeTakeFirstOrThrow();
        return { ...await openReviewInTrx(ctx, trx, { id: c.id, orgId: c.orgId, title: caseRow.title, data: d }, actor), on };
      }
      case 'decide': {
        const r = await reviewOf(trx, d.reviewCaseId);
        const concl = r ? String((r.data as Doc).conclusion ?? '') : '';
        const missing: string[] = [];
        if (!d.draft) missing.push('决策草案及相关材料');
        if (!d.nonPublicReason && !(d.comment as Doc | undefined)?.adoption) missing.push('公众意见及其采纳情况');
        if (d.needsExpert === true && !((d.experts as unknown[] | undefined)?.length)) missing.push('专家论证意见及其采纳情况');
        missing.push(...riskGaps(d).map(() => '风险评估报告'));
        if (!r || r.state !== 'concluded') missing.push('合法性审查意见');
        if (missing.length) {
          throw refuse(`提请集体讨论的材料不全，缺少：${missing.join('、')}（${ORDER}第二十九条）。${!r || r.state !== 'concluded'
            ? '未经合法性审查的决策草案，不得提交集体讨论（第二十五条）' : ''}`, c.state);
        }
        if (concl !== '合法' && concl !== '修改后合法') {
          throw refuse(`合法性审查结论为"${concl}"，经审查不合法的决策草案不得提交集体讨论（${ORDER}第二十五条）；请修改后重新送审`, c.state);
        }
        return { reviewConclusion: concl, reviewNumber: r!.number, on };
      }
      case 'post_evaluate':
      case 'execution_report':
      default:
        return { on };
    }
  },

  async checkInput(trx, c, action, input, _actor, ctx, at) {
    const on = legalDateOf(at);
    const d = c.data;
    const errors: FieldErr[] = [];
    if (action === 'open_comment') {
      if (d.comment && !(d.comment as Doc).adoption) errors.push({ path: 'body.input.startOn', message: '上一轮征求意见尚未结束' });
      const start = String(input.startOn);
      const end = String(input.endOn);
      if (start < on) errors.push({ path: 'body.input.startOn', message: '征求意见开始日期不能早于今天' });
      if (end <= start) errors.push({ path: 'body.input.endOn', message: '截止日期应晚于开始日期' });
      else if (!input.shortReason) {
        const floor = await floorFrom(ctx, trx, 'decision.comment.min', c.regionCode, start);
        if (end < floor.end) {
          errors.push({ path: 'body.input.endOn', message: `公开征求意见的期限一般不少于${floor.days}日，截止日期不得早于 ${floor.end}；确需缩短的，请说明理由（${floor.basis}）` });
        }
      }
    }
    if (action === 'schedule_hearing') {
      const hearingOn = String(input.hearingOn);
      if (hearingOn < on) errors.push({ path: 'body.input.hearingOn', message: '听证会日期不能早于今天' });
      if (String(input.listPublishedOn) >= hearingOn) errors.push({ path: 'body.input.listPublishedOn', message: `听证参加人名单应当在听证会前公布（${ORDER}第十七条）` });
      const floor = await floorFrom(ctx, trx, 'decision.hearing.materials', c.regionCode, String(input.materialsSentOn));
      if (floor.end > hearingOn) {
        errors.push({ path: 'body.input.materialsSentOn', message: `听证材料应当于听证会${floor.days}日前送达，材料送达后最早 ${floor.end} 方可召开（${floor.basis}）` });
      }
    }
    if (action === 'expert_opinion') {
      const [a] = await advisorsByIds(trx, [String(input.advisorId)]);
      if (!a || a.status !== 'active' || a.regionCode !== c.regionCode) errors.push({ path: 'body.input.advisorId', message: `请从本县专家库中选择在册专家（${ORDER}第二十一条）` });
      if (input.declaration !== '无利益冲突') errors.push({ path: 'body.input.declaration', message: `与决策事项有直接利害关系的专家不得参加论证，应当回避（${ORDER}第二十条）` });
    }
    if (action === 'decide') {
      if (String(input.meetingOn) > on) errors.push({ path: 'body.input.meetingOn', message: '会议日期不能晚于今天' });
      errors.push(...meetingProblems(input as unknown as Meeting));
    }
    if (action === 'post_evaluate') {
      // Art. 36: not by whoever did the main pre-decision work — the risk assessor (person or org) nor an expert who gave an opinion
      const r = d.risk as Doc | undefined;
      const same = (a: unknown, b: unknown) => !!a && String(a).replace(/\s/g, '') === String(b ?? '').replace(/\s/g, '');
      const expertIds = ((d.experts as Doc[] | undefined) ?? []).map((e) => String(e.advisorId));
      const experts = await advisorsByIds(trx, expertIds);
      const who = [...(r ? [{ name: r.assessor, org: r.assessorOrg, did: '决策前风险评估' }] : []), ...experts.map((e) => ({ name: e.name, org: null, did: '决策前专家论证' }))]
        .find((p) => same(p.name, input.assessor) || same(p.org, input.assessorOrg));
      if (who) {
        errors.push({ path: 'body.input.assessor', message: `开展决策后评估，不得由决策前承担主要论证评估工作的单位或者人员承担（${ORDER}第三十六条）：`
          + `${String(who.name)}${who.org ? `（${String(who.org)}）` : ''}承担过${who.did}` });
      }
    }
    for (const key of ['heldOn', 'reportedOn'] as const) {
      if (typeof input[key] === 'string' && String(input[key]) > on) errors.push({ path: `body.input.${key}`, message: '日期不能晚于今天' });
    }
    if (errors.length) throw fail(errors);
  },

  reduce(data, action, input) {
    const on = input.on as string | undefined;
    const push = (key: string, v: unknown) => ({ ...data, [key]: [...((data[key] as unknown[] | undefined) ?? []), v] });
    switch (action) {
      case 'finish_draft': return { ...data, draft: input.draft, explanation: input.explanation, bases: input.bases, draftedOn: on };
      case 'open_comment':
        return { ...data, comment: { startOn: input.startOn, endOn: input.endOn, shortReason: input.shortReason ?? null, draft: data.draft, explanation: data.explanation } };
      case 'close_comment':
        return { ...data, comment: closedRound(data, input, on) };
      case 'record_participation': return push('participation', { method: input.method, heldOn: input.heldOn, summary: input.summary });
      case 'schedule_hearing':
        return { ...data, hearing: { hearingOn: input.hearingOn, participants: input.participants, listPublishedOn: input.listPublishedOn,
          materialsSentOn: input.materialsSentOn } };
      case 'record_hearing': return { ...data, hearing: { ...(data.hearing as Doc), minutes: input.minutes, heldOn: on } };
      case 'expert_opinion': return push('experts', { advisorId: input.advisorId, declaration: input.declaration, opinion: input.opinion, signedOn: on });
      case 'risk_assessment':
        return { ...data, risk: { assessor: input.assessor, assessorOrg: input.assessorOrg, riskPoints: input.riskPoints, measures: input.measures, plan: input.plan,
          result: input.result, assessedOn: on } };
      case 'adjust_draft':
        return { ...data, draft: input.draft, ...(input.riskUncontrollable ? { risk: { ...(data.risk as Doc), adjustedOn: on, adjustment: input.changes } } : {}) };
      case 'submit_review': case 'resubmit_review': return { ...data, reviewCaseId: input.reviewCaseId, procedureNote: input.procedureNote, reviewConclusion: null };
      case 'decide':
        return { ...data, reviewConclusion: input.reviewConclusion, meeting: { meeting: input.meeting, session: input.session, meetingOn: input.meetingOn,
          attendees: input.attendees, views: input.views, head: input.head, headDecision: input.headDecision, headReason: input.headReason ?? null } };
      case 'report_party': return { ...data, party: { partyBody: input.partyBody, reportedOn: input.reportedOn, reply: input.reply } };
      case 'publish': return { ...data, docNo: input.docNo, adoptionExplanation: input.adoptionExplanation, publishedOn: on };
      case 'execution_report': return push('executionReports', { reportedOn: input.reportedOn, summary: input.summary });
      case 'post_evaluate': return push('postEvaluations', { reason: input.reason, assessor: input.assessor, assessorOrg: input.assessorOrg, findings: input.findings, on });
      case 'adjust': case 'major_adjust': case 'suspend': case 'resume': case 'stop':
        return { ...push('adjustments', { kind: action, reason: input.reason, on }),
          ...(action === 'major_adjust' ? { comment: null, hearing: null, experts: [], risk: null, reviewCaseId: null, reviewConclusion: null, meeting: null, party: null,
            round: Number(data.round ?? 1) + 1 } : {}) };
      default: return data;
    }
  },

  async afterAction(trx, c, action, _input, ctx) {
    if (action !== 'publish') return;
    const d = c.data;
    const row = await trx.selectFrom('cases').select(['regionCode', 'orgId', 'title']).where('id', '=', c.id).executeTakeFirstOrThrow();
    const meeting = d.meeting as Doc;
    await publishInTrx(ctx, trx, {
      regionCode: row.regionCode, orgId: row.orgId, sourceModule: MODULE_ID, sourceRef: c.id, category: 'custom:重大行政决策',
      title: row.title, docNo: String(d.docNo), summary: `经${String(meeting.meeting)}（${String(meeting.session)}）集体讨论决定`,
      body: `${String(d.draft ?? '')}\n\n公众意见、专家论证意见采纳情况说明：\n${String(d.adoptionExplanation ?? '')}`,
      formedOn: String(meeting.meetingOn), publishedOn: String(d.publishedOn), actor: pubActor(ctx, '公布决策'),
    });
  },

  publicFields: ['docNo', 'catalogItem'],
};
