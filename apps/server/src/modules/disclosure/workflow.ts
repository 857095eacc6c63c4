import { z } from 'zod';
import { defineWorkflow, type ActionDef, type ClockEffect, zId } from '@yifa/contracts';
import { ANSWER_TYPES, APPLICANT_KINDS, CHANNELS, WITHHOLD_GROUNDS } from './rules.ts';

/**
 * 依申请公开 (政府信息公开申请), 《政府信息公开条例》第二十七条至第四十五条.
 *
 * The states encode what the 条例 allows at each stage: the 补正 notice is given once and only
 * before any consultation (Art. 30); each consultation round (Art. 32, 34) pauses the reply clock;
 * 延迟答复 (Art. 35) extends it under its own rule (no 20-WD cap);
 * a fee notice (国办函〔2020〕109号) pauses it too. Every handling state offers 答复 with exactly
 * one answer type, which maps to one leaf of table 三.
 */
type S = 'received' | 'correcting' | 'resumed' | 'consulting' | 'deciding' | 'fee_pending' | 'answered' | 'served' | 'abandoned' | 'unpaid' | 'withdrawn';

const zUuid = zId('请选择受理机关');
const enumOf = <T extends string>(vals: readonly T[], msg: string) => z.enum(vals as [T, ...T[]], msg);

const applicantSchema = z.object({
  name: z.string().trim().min(2, '请填写申请人姓名或者名称（第二十九条第二款第（一）项）').max(100, '最多 100 个字').meta({ title: '申请人姓名或者名称' }),
  idNo: z.string().trim().min(6, '请填写身份证明（身份证件号码或统一社会信用代码）').max(40, '最多 40 个字符').meta({ title: '身份证明（证件号码）' }),
  phone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '请填写有效的联系电话').meta({ title: '联系电话' }),
  address: z.string().trim().max(200, '最多 200 个字').optional().meta({ title: '通信地址' }),
  email: z.email('电子邮箱格式不正确').optional().meta({ title: '电子邮箱' }),
});

export const createInput = z.object({
  orgId: zUuid.meta({ title: '受理机关' }),
  channel: enumOf(Object.keys(CHANNELS) as (keyof typeof CHANNELS)[], '请选择申请方式').meta({ title: '申请方式', 'x-enumLabels': Object.fromEntries(Object.entries(CHANNELS).map(([k, v]) => [k, v.label])) }),
  applicantKind: enumOf(APPLICANT_KINDS.map((k) => k.key), '请选择申请人类型').meta({ title: '申请人类型', 'x-enumLabels': Object.fromEntries(APPLICANT_KINDS.map((k) => [k.key, k.label])) }),
  parties: z.object({ applicant: applicantSchema }, '请填写申请人信息').meta({ title: '申请人' }),
  description: z.string().trim().min(4, '请填写所需政府信息的名称、文号或者便于查询的其他特征性描述（第二十九条第二款第（二）项）').max(2000, '最多 2000 个字').meta({ title: '所需政府信息的名称或特征性描述' }),
  docNo: z.string().trim().max(100).optional().meta({ title: '文号（如知道）' }),
  format: enumOf(['纸质', '电子'], '请选择获取信息的形式（第二十九条第二款第（三）项）').meta({ title: '获取信息的形式' }),
  via: enumOf(['邮寄', '电子邮件', '当面领取', '网上获取'], '请选择获取信息的途径（第二十九条第二款第（三）项）').meta({ title: '获取信息的途径' }),
  confirmedWithApplicant: z.boolean().default(false).meta({ title: '已与申请人确认收到申请（平常信函、传真适用）' }),
  writtenByOfficer: z.boolean().default(false).meta({ title: '口头申请，由工作人员代为填写（第二十九条第一款）' }),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional()
    .meta({ title: '收到申请之日（第三十一条）', description: '邮寄的为签收之日，平常信函、传真为与申请人确认之日；登记晚于该日的须填写，期限自该日起算。不填则为登记当日。' }),
}).superRefine((v, c) => {
  if ((v.channel === 'post_ordinary' || v.channel === 'fax') && !v.confirmedWithApplicant) {
    c.addIssue({ code: 'custom', path: ['confirmedWithApplicant'], message: '平常信函、传真提交的，应当与申请人确认后登记，确认之日为收到申请之日（第三十一条）' });
  }
});

const ANSWER_LABELS = Object.fromEntries(Object.entries(ANSWER_TYPES).map(([k, v]) => [k, v.label]));
const answerInput = z.object({
  answerType: enumOf(Object.keys(ANSWER_TYPES), '请选择答复类型').meta({ title: '答复类型', 'x-enumLabels': Object.fromEntries(Object.entries(ANSWER_TYPES).map(([k, v]) => [k, `${v.label}（${v.article}）`])) }),
  ground: enumOf(Object.keys(WITHHOLD_GROUNDS), '请选择不予公开的理由').optional().meta({ title: '不予公开理由', 'x-enumLabels': Object.fromEntries(Object.entries(WITHHOLD_GROUNDS).map(([k, v]) => [k, `${v.label}（${v.article}）`])) }),
  content: z.string().trim().min(4, '请填写答复内容（至少 4 个字）').max(5000, '最多 5000 个字').meta({ title: '答复内容' }),
  // Optional: left empty, the 答复书 issued as a 文书 is numbered by the county's rule (platform/documents).
  docNo: z.string().trim().regex(/^.+〔\d{4}〕[1-9]\d*号$/, '发文字号格式应如：示府办公开〔2026〕3号').optional()
    .meta({ title: '答复书发文字号（留空则出具答复书时按本县文号规则编号）' }),
}).superRefine((v, c) => {
  if (v.answerType === 'withhold' && !v.ground) c.addIssue({ code: 'custom', path: ['ground'], message: '不予公开的，应当说明理由（第三十六条第（三）项）' });
  if (v.answerType !== 'withhold' && v.ground) c.addIssue({ code: 'custom', path: ['ground'], message: '只有不予公开才填写此项' });
});

const reasonInput = (title: string, msg: string) => z.object({ reason: z.string().trim().min(2, msg).max(1000, '最多 1000 个字').meta({ title }) });

/** The actions open while the request is being handled; `from` decides which clocks must stop. */
function handling(from: 'received' | 'resumed' | 'deciding'): Record<string, ActionDef<S>> {
  const stopNotice: ClockEffect[] = from === 'received' ? [{ stop: 'notice' }] : [];
  const acts: Record<string, ActionDef<S>> = {
    extend: {
      label: '延长答复期限', to: from, roles: ['leader'], public: true, notify: 'extension',
      clocks: [{ extend: 'reply', amountField: 'days', reasonField: 'reason' }],
      input: z.object({
        days: z.number('请填写延长的工作日数').int('应为整数').min(1, '至少 1 个工作日').max(20, '延长的期限最长不得超过20个工作日（第三十三条第二款）').meta({ title: '延长工作日数' }),
        reason: z.string().trim().min(4, '请说明延长理由').max(1000).meta({ title: '延长理由' }),
        notifiedBy: enumOf(['书面', '电话', '短信', '电子邮件', '网上'], '请选择告知申请人的方式').meta({ title: '告知申请人方式' }),
      }),
    },
    delay: {
      label: '延迟答复', to: from, roles: ['leader'], public: true, notify: 'extension',
      clocks: [{ extend: 'reply', amountField: 'days', reasonField: 'reason', rule: 'disclosure.delayed_reply' }],
      input: z.object({
        applicantReason: z.string().trim().min(2, '请记录申请人说明的理由（第三十五条：可以要求申请人说明理由）').max(2000, '最多 2000 个字').meta({ title: '申请人说明的理由' }),
        days: z.number('请填写延迟答复的工作日数').int('应为整数').min(1, '至少 1 个工作日').max(250, '延迟答复期限应当合理，最多 250 个工作日').meta({ title: '延迟答复工作日数' }),
        reason: z.string().trim().min(4, '请说明申请数量、频次明显超过合理范围而理由合理、不能在规定期限内答复的情况（第三十五条）').max(1000, '最多 1000 个字').meta({ title: '延迟答复理由' }),
        notifiedBy: enumOf(['书面', '电话', '短信', '电子邮件', '网上'], '请选择告知申请人的方式').meta({ title: '告知申请人方式' }),
      }),
    },
    notify_fee: {
      label: '发出收费通知', to: 'fee_pending', roles: ['handler'], public: true,
      clocks: [...stopNotice, { pause: 'reply', reason: '等待申请人缴纳信息处理费' }, { start: 'fee', rule: 'disclosure.fee_payment', note: '收费通知' }],
      input: z.object({
        mode: enumOf(['per_item', 'per_volume'], '请选择计收方式（按件或按量，二者择一）').meta({ title: '计收方式', 'x-enumLabels': { per_item: '按件计收', per_volume: '按量计收' } }),
        pages: z.number().int('应为整数').min(1, '页数至少为 1').max(100000).optional().meta({ title: '页数（按量计收）' }),
      }).superRefine((v, c) => {
        if (v.mode === 'per_volume' && !v.pages) c.addIssue({ code: 'custom', path: ['pages'], message: '按量计收须填写页数' });
        if (v.mode === 'per_item' && v.pages) c.addIssue({ code: 'custom', path: ['pages'], message: '按件计收不得同时按量计收' });
      }),
    },
    answer: {
      label: '作出答复', to: 'answered', roles: ['handler'], public: true, clocks: [...stopNotice, { stop: 'reply' }], input: answerInput, notify: 'answer',
      answer: { outcome: { field: 'answerType', labels: ANSWER_LABELS }, text: 'content', fields: [{ key: 'docNo', label: '答复书文号' }] },
    },
    withdraw: { label: '申请人撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, notify: 'closing', clocks: [...stopNotice, { stop: 'reply' }],
      input: reasonInput('撤回说明', '请记录申请人撤回的方式和时间') },
  };
  {
    // Several rounds are allowed (a further third party or agency after an answer came back): each
    // round pauses the reply clock again and runs the 15-WD consult clock anew (`rounds`: the
    // stopped clock restarts from the new 征求意见书).
    acts.consult = {
      label: '征求第三方或其他机关意见', to: 'consulting', roles: ['handler'], public: true,
      clocks: [...stopNotice, { pause: 'reply', reason: '征求第三方或其他机关意见（第三十三条第三款：所需时间不计算在内）' }, { start: 'consult', rule: 'disclosure.third_party', note: '发出征求意见书', rounds: true }],
      input: z.object({
        consultee: enumOf(['third_party', 'other_agency'], '请选择征求意见对象').meta({ title: '征求意见对象', 'x-enumLabels': { third_party: '第三方（第三十二条）', other_agency: '其他机关（第三十四条）' } }),
        name: z.string().trim().min(2, '请填写第三方或机关名称').max(200).meta({ title: '名称' }),
        matter: z.string().trim().min(4, '请说明征求意见的事项').max(2000).meta({ title: '征求意见事项' }),
      }),
    };
  }
  if (from === 'received') {
    acts.request_correction = {
      label: '一次性告知补正', to: 'correcting', roles: ['handler'], public: true, notify: 'correction',
      // A notice within its 7 WD pauses the answer period and the 补正 restarts it; a late notice does neither (Art. 30),
      // so the answer stays due on the original date.
      clocks: [
        { stop: 'notice' }, { pause: 'reply', reason: '等待申请人补正', ifMet: 'notice' },
        { start: 'correction', rule: 'disclosure.correction_period', note: '补正告知' },
      ],
      input: z.object({
        items: z.string().trim().min(4, '请一次性列明需要补正的事项（第三十条）').max(2000).meta({ title: '需补正的事项' }),
        guidance: z.string().trim().min(4, '请给予指导和释明').max(2000).meta({ title: '指导和释明' }),
      }),
    };
  }
  return acts;
}

export const disclosureRequestWorkflow = defineWorkflow<S>({
  type: 'disclosure_request',
  label: '政府信息公开申请',
  prefix: 'GK',
  initial: 'received',
  states: {
    received: { label: '已登记，办理中' },
    correcting: { label: '待申请人补正' },
    resumed: { label: '已补正，办理中' },
    consulting: { label: '征求意见中' },
    deciding: { label: '办理中' },
    fee_pending: { label: '待缴纳信息处理费' },
    answered: { label: '已答复' },
    served: { label: '已送达', terminal: true },
    abandoned: { label: '逾期不补正，视为放弃', terminal: true },
    unpaid: { label: '逾期未缴费，不再处理', terminal: true },
    withdrawn: { label: '申请人撤回', terminal: true },
  },
  create: {
    label: '提交政府信息公开申请',
    roles: ['handler', 'dispatcher'],
    public: true,
    input: createInput,
    clocks: [
      { start: 'reply', rule: 'disclosure.reply', note: '收到申请', atField: 'receivedOn' },
      { start: 'notice', rule: 'disclosure.correction_notice', note: '收到申请', atField: 'receivedOn' },
    ],
    notify: 'receipt',
  },
  transitions: {
    received: handling('received'),
    resumed: handling('resumed'),
    deciding: handling('deciding'),
    correcting: {
      supplement: {
        label: '收到补正', to: 'resumed', roles: ['handler'], public: true,
        clocks: [{ stop: 'correction' }, { restart: 'reply', reason: '收到补正的申请，答复期限重新计算（第三十条）', ifMet: 'notice' }],
        input: z.object({ content: z.string().trim().min(2, '请记录补正的内容').max(2000).meta({ title: '补正内容' }) }),
      },
      abandon: {
        label: '逾期未补正，视为放弃', to: 'abandoned', roles: ['handler'], public: true, danger: true, notify: 'closing', confirm: '申请人无正当理由逾期不补正的，视为放弃申请，不再处理。',
        clocks: [{ stop: 'correction' }, { stop: 'reply' }], input: reasonInput('说明', '请说明（如：补正期限届满，申请人无正当理由未补正）'),
      },
      withdraw: { label: '申请人撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, notify: 'closing',
        clocks: [{ stop: 'correction' }, { stop: 'reply' }], input: reasonInput('撤回说明', '请记录申请人撤回的方式和时间') },
    },
    consulting: {
      consult_done: {
        label: '收到意见或期满', to: 'deciding', roles: ['handler'], public: true,
        clocks: [{ stop: 'consult' }, { resume: 'reply' }],
        input: z.object({
          opinion: enumOf(['同意公开', '不同意公开', '逾期未提出意见'], '请选择意见').meta({ title: '意见' }),
          note: z.string().trim().max(2000).optional().meta({ title: '说明' }),
        }),
      },
      withdraw: { label: '申请人撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, notify: 'closing',
        clocks: [{ stop: 'consult' }, { stop: 'reply' }], input: reasonInput('撤回说明', '请记录申请人撤回的方式和时间') },
    },
    fee_pending: {
      fee_paid: { label: '已缴费', to: 'deciding', roles: ['handler'], public: true, clocks: [{ stop: 'fee' }, { resume: 'reply' }], input: z.object({ receiptNo: z.string().trim().min(2, '请填写缴费票据号').max(60).meta({ title: '票据号' }) }) },
      fee_overdue: { label: '逾期未缴费，不再处理', to: 'unpaid', roles: ['handler'], public: true, danger: true, notify: 'closing',
        confirm: '申请人逾期未按收费通知要求缴纳费用的，不再处理其申请。', clocks: [{ stop: 'fee' }, { stop: 'reply' }] },
      withdraw: { label: '申请人撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, notify: 'closing',
        clocks: [{ stop: 'fee' }, { stop: 'reply' }], input: reasonInput('撤回说明', '请记录申请人撤回的方式和时间') },
    },
    answered: {
      serve: {
        label: '送达', to: 'served', roles: ['handler'], public: true, notify: 'closing',
        input: z.object({ method: enumOf(['直接送达', '邮寄送达', '电子送达', '网上送达'], '请选择送达方式').meta({ title: '送达方式' }), note: z.string().trim().max(500).optional().meta({ title: '备注' }) }),
      },
    },
  },
  // The request (Art. 29) and its handling; the agency is the case's org, the applicant a party (masked); codes stay internal.
  facts: [
    { key: 'channel' }, { key: 'applicantKind' }, { key: 'receivedOn' }, { key: 'receiptRule', label: '收到申请之日的确定（第三十一条）', kind: 'longText' },
    { key: 'writtenByOfficer' }, { key: 'description' }, { key: 'docNo' }, { key: 'format' }, { key: 'via' },
    { key: 'correctionItems', label: '需补正的事项', kind: 'longText' },
    { key: 'consultee' }, { key: 'consulteeName', label: '征求意见对象名称' }, { key: 'consultRounds', label: '征求意见轮次', kind: 'number' },
    { key: 'fee.amount', label: '信息处理费', kind: 'money' }, { key: 'fee.detail', label: '计收方式' },
    { key: 'delayDays', label: '延迟答复工作日数', kind: 'workdays' }, { key: 'delayApplicantReason', label: '申请人说明的理由（第三十五条）', kind: 'longText' },
    { key: 'delayReason', label: '延迟答复理由', kind: 'longText' },
    { key: 'answerLabel', label: '答复类型' }, { key: 'groundLabel', label: '不予公开理由' }, { key: 'answerDocNo', label: '答复书发文字号' },
    { key: 'answerContent', label: '答复内容', kind: 'longText' }, { key: 'serviceMethod', label: '送达方式' },
  ],
});

/** Actions that close the request for table 三, with the leaf they imply (answer → by answer type). */
export const CLOSING_LEAF: Record<string, string | null> = { answer: null, abandon: '6.1', fee_overdue: '6.2', withdraw: '6.3' };
