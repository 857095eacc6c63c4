/**
 * 规范性文件附带审查 (行政复议法 2023, Art. 13 and 56–60): a request that arrives with a 行政复议 application (Art. 56) or a basis
 * the 复议机关 finds doubtful itself (Art. 57). The 复议机关 either handles it within 30日 (it has the power) or transfers it within
 * 7日 — a working-day limit (Art. 88: 三日、五日、七日、十日 are 工作日) — to the organ that has; when it handles it, the 复议机构
 * notifies the 制定机关 within 3 WD and the 制定机关 answers within 10 WD of receiving the notice (Art. 58); the conclusion is
 * Art. 59's: lawful → told in the 复议决定书; beyond its power or against a higher law → the clause stops being applied and the
 * 制定机关 is ordered to correct it. A transferee replies within 60日 (Art. 60). Rules as data; the ledger counts the days.
 * The 复议 module (not yet in yifa) will open these cases; until then they are opened with the 复议 case reference as text.
 */
import { z } from 'zod';
import { addDays, beijingTime, defineWorkflow, legalDateOf, type ClockRule, zId } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { systemActor } from '../../platform/authz.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { CaseDeadlines } from '../../platform/metrics/timeliness.ts';
import { requireDesignated } from '../../platform/orgs/designations.ts';
import { zDate } from '../../platform/http/validation.ts';

const LAW = '《中华人民共和国行政复议法》（2023年修订）';
const ART88 = '第八十八条："本法关于行政复议期间有关"三日"、"五日"、"七日"、"十日"的规定是指工作日，不含法定休假日"';
const CIVIL = '第八十八条：其余期间依照民事诉讼法关于期间的规定（期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期）';

export const INCIDENTAL_RULES: ClockRule[] = [
  {
    key: 'incidental.handle', label: '附带审查处理期限', unit: 'days', length: 30, rollForward: true, yellowWithin: 5, sourced: true, configurable: false,
    basis: `${LAW}第五十六条、第五十七条：行政复议机关有权处理的，应当在三十日内依法处理；${CIVIL}`, effectiveFrom: '2024-01-01',
  },
  {
    key: 'incidental.transfer', label: '附带审查转送期限', unit: 'workdays', length: 7, yellowWithin: 2, sourced: true, configurable: false,
    basis: `${LAW}第五十六条、第五十七条：无权处理的，应当在七日内转送有权处理的行政机关（国家机关）依法处理；${ART88}`, effectiveFrom: '2024-01-01',
  },
  {
    key: 'incidental.notice', label: '书面通知制定机关期限', unit: 'workdays', length: 3, yellowWithin: 1, sourced: true, configurable: false,
    basis: `${LAW}第五十八条第一款：行政复议机构应当自行政复议中止之日起三日内，书面通知规范性文件或者依据的制定机关就相关条款的合法性提出书面答复；${ART88}`,
    effectiveFrom: '2024-01-01',
  },
  {
    key: 'incidental.answer', label: '制定机关书面答复期限', unit: 'workdays', length: 10, yellowWithin: 3, sourced: true, configurable: false,
    basis: `${LAW}第五十八条第一款：制定机关应当自收到书面通知之日起十日内提交书面答复及相关材料；${ART88}`, effectiveFrom: '2024-01-01',
  },
  {
    key: 'incidental.reply', label: '接受转送机关回复期限', unit: 'days', length: 60, rollForward: true, yellowWithin: 10, sourced: true, configurable: false,
    basis: `${LAW}第六十条：接受转送的行政机关、国家机关应当自收到转送之日起六十日内，将处理意见回复转送的行政复议机关；${CIVIL}`, effectiveFrom: '2024-01-01',
  },
];

/** Where the request comes from: the applicant (Art. 56) or the 复议机关's own review of the act's basis (Art. 57). */
export const INCIDENTAL_ORIGINS = ['申请人一并提出附带审查申请（第五十六条）', '行政复议机关审查中认为依据不合法（第五十七条）'] as const;
/** Art. 59: 合法, or 超越权限 / 违反上位法. */
export const INCIDENTAL_CONCLUSIONS = ['相关条款合法', '相关条款超越权限', '相关条款违反上位法'] as const;
/** What Art. 59 makes of each conclusion. */
export const INCIDENTAL_OUTCOME: Record<(typeof INCIDENTAL_CONCLUSIONS)[number], string> = {
  相关条款合法: '在行政复议决定书中一并告知（第五十九条）',
  相关条款超越权限: '决定停止该条款的执行，并责令制定机关予以纠正（第五十九条）',
  相关条款违反上位法: '决定停止该条款的执行，并责令制定机关予以纠正（第五十九条）',
};

const reason = (title: string, min = 2) => z.string().trim().min(min, `请填写${title}`).max(2000, '最多 2000 个字').meta({ title });

export const incidentalWorkflow = defineWorkflow({
  type: 'incidental_review',
  label: '规范性文件附带审查',
  prefix: 'FD',
  initial: 'received',
  states: {
    received: { label: '已收到' },
    notifying: { label: '本机关处理（待通知制定机关）' },
    answering: { label: '待制定机关答复' },
    deciding: { label: '审查中' },
    decided: { label: '已作出处理', terminal: true },
    transferred: { label: '已转送' },
    replied: { label: '已收到处理意见', terminal: true },
    ended: { label: '已终结', terminal: true },
  },
  create: {
    label: '登记附带审查',
    // who registers it (the spine's case.create): a 承办人 of the 复议机构 / 司法局; the 复议 module will open it itself
    roles: ['handler', 'dispatcher'],
    input: z.object({
      reviewCaseRef: z.string().trim().min(4, '请填写行政复议案件编号').max(100, '最多 100 个字').meta({ title: '行政复议案件编号' }),
      origin: z.enum(INCIDENTAL_ORIGINS, '请选择审查来源').meta({ title: '审查来源' }),
      documentTitle: z.string().trim().min(4, '请填写规范性文件名称（至少 4 个字）').max(200, '最多 200 个字').meta({ title: '规范性文件（依据）名称' }),
      issuer: z.string().trim().min(2, '请填写制定机关').max(100, '最多 100 个字').meta({ title: '制定机关' }),
      issuerOrgId: zId('请选择机构').optional().meta({ title: '制定机关（本县机构，协办并答复）' }),
      clauses: z.string().trim().min(2, '请填写申请审查的条款').max(1000, '最多 1000 个字').meta({ title: '审查的条款' }),
      receivedOn: zDate.meta({ title: '收到申请（发现）日期' }),
    }),
    clocks: [
      { start: 'handle', rule: 'incidental.handle', note: '收到附带审查申请', atField: 'receivedOn' },
      { start: 'transfer', rule: 'incidental.transfer', note: '收到附带审查申请', atField: 'receivedOn' },
    ],
  },
  transitions: {
    received: {
      handle: {
        label: '本机关有权处理', to: 'notifying', roles: ['reviewer'], clocks: [{ stop: 'transfer' }, { start: 'notice', rule: 'incidental.notice', note: '决定自行处理' }],
        input: z.object({ note: z.string().trim().max(500, '最多 500 个字').optional().meta({ title: '说明' }) }),
      },
      transfer: {
        label: '无权处理，转送', to: 'transferred', roles: ['reviewer'],
        clocks: [{ stop: 'transfer' }, { stop: 'handle' }, { start: 'reply', rule: 'incidental.reply', note: '转送' }],
        input: z.object({
          transferee: z.string().trim().min(2, '请填写接受转送的机关').max(100, '最多 100 个字').meta({ title: '接受转送的机关' }),
          reason: reason('无权处理的理由'),
        }),
      },
      end: endAction(['handle', 'transfer']),
    },
    notifying: {
      notify: {
        label: '书面通知制定机关答复', to: 'answering', roles: ['reviewer'],
        clocks: [{ stop: 'notice' }, { start: 'answer', rule: 'incidental.answer', note: '制定机关收到书面通知' }],
        input: z.object({ noticeNo: z.string().trim().min(2, '请填写通知文号').max(100, '最多 100 个字').meta({ title: '书面通知文号' }) }),
      },
      end: endAction(['handle', 'notice']),
    },
    answering: {
      answer_received: {
        label: '收到书面答复', to: 'deciding', roles: ['reviewer'], clocks: [{ stop: 'answer' }],
        input: z.object({ summary: reason('答复要点') }),
      },
      decide: decideAction(['answer', 'handle'], '制定机关未在期限内答复的，可径行作出处理'),
      end: endAction(['handle', 'answer']),
    },
    deciding: {
      decide: decideAction(['handle']),
      end: endAction(['handle']),
    },
    transferred: {
      reply_received: {
        label: '收到处理意见', to: 'replied', roles: ['reviewer'], clocks: [{ stop: 'reply' }],
        input: z.object({ opinion: reason('接受转送机关的处理意见') }),
      },
    },
  },
  facts: [
    { key: 'reviewCaseRef', label: '行政复议案件编号' }, { key: 'origin', label: '审查来源' }, { key: 'documentTitle', label: '规范性文件（依据）' },
    { key: 'issuer', label: '制定机关' }, { key: 'clauses', label: '审查的条款' }, { key: 'transferee', label: '接受转送的机关' },
    { key: 'conclusion', label: '审查结论' }, { key: 'outcome', label: '处理' },
  ],
});

function decideAction(stops: string[], note?: string) {
  return {
    label: '作出处理', to: 'decided', roles: ['reviewer'], clocks: stops.map((stop) => ({ stop })),
    ...(note ? { confirm: note } : {}),
    input: z.object({
      conclusion: z.enum(INCIDENTAL_CONCLUSIONS, '请选择审查结论').meta({ title: '审查结论（第五十九条）' }),
      opinion: reason('审查意见', 10),
      correctionDue: zDate.optional().meta({ title: '责令纠正的期限（不合法时可填）' }),
    }),
  } as const;
}
function endAction(stops: string[]) {
  return {
    label: '终结（复议申请撤回、终止等）', to: 'ended', roles: ['reviewer'], danger: true, clocks: stops.map((stop) => ({ stop })),
    input: z.object({ reason: reason('终结理由') }),
  } as const;
}

/** The metrics' view of its clocks: `handle` ends with the decision (a transfer voids it), `transfer` with the transfer. */
export const INCIDENTAL_DEADLINES: CaseDeadlines = {
  main: 'handle',
  clocks: {
    handle: { acts: ['decide'] }, transfer: { acts: ['transfer', 'handle'] }, notice: { acts: ['notify'] }, answer: { acts: ['answer_received'] },
    reply: { acts: ['reply_received'] },
  },
};

export const incidentalCaseType: CaseType = {
  workflow: incidentalWorkflow,
  async open(input, _actor, ctx, trx, at) {
    // Held by the 司法局 (the county government's 行政复议机构).
    const org = await requireDesignated(ctx, trx, ctx.config.defaultRegion, 'justice_bureau', legalDateOf(at), 'body.type');
    // A 制定机关 of the county holds it too (assist): it receives the notice and answers (Art. 58).
    const orgs = input.issuerOrgId ? [{ orgId: String(input.issuerOrgId), role: 'assist' as const }] : [];
    return { orgId: org.id, title: `附带审查：${String(input.documentTitle)}`, data: { ...input }, orgs };
  },
  reduce(data, action, input) {
    if (action === 'decide') {
      const c = input.conclusion as (typeof INCIDENTAL_CONCLUSIONS)[number];
      return { ...data, conclusion: c, outcome: INCIDENTAL_OUTCOME[c], opinion: input.opinion, correctionDue: input.correctionDue };
    }
    if (action === 'transfer') return { ...data, transferee: input.transferee };
    if (action === 'answer_received') return { ...data, answer: input.summary };
    if (action === 'reply_received') return { ...data, reply: input.opinion };
    return data;
  },
  publicFields: ['conclusion', 'outcome'],
};

/** Demo: one request handled by the county (the 制定机关 notified, answer awaited) and one transferred to the city. */
export async function seedIncidental(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const clock = new ManualClock(ctx.clock.now());
  const c2 = { ...ctx, clock };
  // registered as the 复议 module will: by the platform on behalf of the 行政复议机构
  const registrar = systemActor('legality-review', '行政复议机构（登记）');
  const reviewer = (await userActor(ctx.db, demo.users.reviewer, null))!;
  const cases: { input: Record<string, unknown>; steps: [number, string, Record<string, unknown>][] }[] = [
    {
      input: {
        reviewCaseRef: '示复〔2026〕7号', origin: INCIDENTAL_ORIGINS[0], documentTitle: '示范县城区户外广告设置管理规定', issuer: '示范县市场监督管理局',
        issuerOrgId: demo.orgs.scjgj, clauses: '第九条（设置户外广告须经审批）', receivedOn: addDays(today, -6),
      },
      steps: [[5, 'handle', { note: '该规定由本县部门制定，县人民政府有权处理。' }], [4, 'notify', { noticeNo: '示复通〔2026〕2号' }]],
    },
    {
      input: {
        reviewCaseRef: '示复〔2026〕9号', origin: INCIDENTAL_ORIGINS[1], documentTitle: '示范市城市道路挖掘管理办法', issuer: '示范市人民政府',
        clauses: '第十五条', receivedOn: addDays(today, -3),
      },
      steps: [[2, 'transfer', { transferee: '示范市人民政府', reason: '该办法由市人民政府制定，县人民政府无权处理。' }]],
    },
  ];
  for (const c of cases) {
    clock.set(beijingTime(String(c.input.receivedOn), 10));
    const id = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, 'incidental_review', c.input, registrar, null));
    for (const [daysAgo, action, input] of c.steps) {
      clock.set(beijingTime(addDays(today, -daysAgo), 15));
      await ctx.db.transaction().execute((trx) => performInTrx(c2, trx, { caseId: id, action, input, actor: reviewer }));
    }
  }
}
