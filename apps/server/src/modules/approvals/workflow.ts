import { z } from 'zod';
import { defineWorkflow, type AttachmentRule, type ClockEffect, type ClockRule, zId } from '@yifa/contracts';

/**
 * 行政许可 at one window (行政许可法, 2019 amendment; all limits in working days, Art. 82).
 * 收件 → 受理 / 不予受理 / 一次性告知补正 → 审查 (特别程序 pauses, Art. 45) → 准予 / 不予许可 → 送达.
 * Two decision clocks run side by side: the statutory one (法定时限, Art. 42, per item ≤ 20 WD,
 * +10 WD by 本行政机关负责人; an item handled 统一/联合/集中 ≤ 45 WD, +15 WD by 本级人民政府负责人) and the
 * county's promise (承诺时限 from the 办事指南). When the 5-WD intake check passes without a notice, the
 * application is deemed accepted as of the day its materials were received (Art. 32, see acceptance.ts).
 */
export const APPROVAL_RULES: ClockRule[] = [
  {
    key: 'approvals.intake', label: '受理审查（补正一次告知）期限', unit: 'workdays', length: 5, yellowWithin: 1, sourced: true, configurable: false,
    basis: '《行政许可法》第三十二条第一款第（四）项：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理；第八十二条（工作日）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.decision', label: '法定办理时限', unit: 'workdays', length: 20, yellowWithin: 3, maxExtension: 10, sourced: true, configurable: false,
    basis: '《行政许可法》第四十二条第一款：除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定；二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日；第四十五条（听证、检验、检测、检疫、鉴定、专家评审时间不计入）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.decision.joint', label: '法定办理时限（统一、联合、集中办理）', unit: 'workdays', length: 45, yellowWithin: 5, maxExtension: 15, sourced: true, configurable: false,
    basis: '《行政许可法》第四十二条第二款：依照本法第二十六条的规定，行政许可采取统一办理或者联合办理、集中办理的，办理的时间不得超过四十五日；四十五日内不能办结的，经本级人民政府负责人批准，可以延长十五日；第四十五条（特别程序时间不计入）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.decision.special', label: '法定办理时限（法律、法规另有规定，工作日）', unit: 'workdays', length: 366, yellowWithin: 3, sourced: true, configurable: false,
    basis: '《行政许可法》第四十二条第一款："法律、法规另有规定的，依照其规定"——期限为该事项"法定时限依据"所引法律、法规规定的期限；延长亦依其规定',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.decision.special_days', label: '法定办理时限（法律、法规另有规定，自然日）', unit: 'days', length: 366, yellowWithin: 3, rollForward: true,
    sourced: true, configurable: false,
    basis: '《行政许可法》第四十二条第一款："法律、法规另有规定的，依照其规定"——以该事项"法定时限依据"所引法律、法规规定的日数计算（自然日；期间届满日为节假日的，顺延至其后第一个工作日）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.decision.prereview', label: '下级机关初步审查期限', unit: 'workdays', length: 20, yellowWithin: 3, sourced: true, configurable: false,
    basis: '《行政许可法》第四十三条：依法应当先经下级行政机关审查后报上级行政机关决定的行政许可，下级行政机关应当自其受理行政许可申请之日起二十日内审查完毕',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.promise', label: '承诺办理时限', unit: 'workdays', length: 20, yellowWithin: 2, sourced: false, configurable: true, limitKind: 'promised',
    basis: '本县政务服务事项办事指南公布的承诺时限（不超过法定时限；无全国统一标准）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.promise.joint', label: '承诺办理时限（统一、联合、集中办理）', unit: 'workdays', length: 45, yellowWithin: 3, sourced: false, configurable: true, limitKind: 'promised',
    basis: '本县政务服务事项办事指南公布的承诺时限（不超过《行政许可法》第四十二条第二款的四十五日；无全国统一标准）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.promise.special', label: '承诺办理时限（法定时限另有规定的事项）', unit: 'workdays', length: 366, yellowWithin: 3, sourced: false, configurable: true, limitKind: 'promised',
    basis: '本县政务服务事项办事指南公布的承诺时限（法律、法规另有规定法定时限的事项；无全国统一标准）',
    effectiveFrom: '2004-07-01',
  },
  {
    key: 'approvals.delivery', label: '颁发、送达证件期限', unit: 'workdays', length: 10, yellowWithin: 2, sourced: true, configurable: false,
    basis: '《行政许可法》第四十四条：行政机关作出准予行政许可的决定，应当自作出决定之日起十日内向申请人颁发、送达行政许可证件',
    effectiveFrom: '2004-07-01',
  },
];

export const ART32_DEEMED = '《行政许可法》第三十二条第一款第（四）项：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理';

export const SPECIAL_PROCEDURES = ['听证', '招标', '拍卖', '检验', '检测', '检疫', '鉴定', '专家评审'] as const;
const zUuid = zId('请选择事项');
/** 受理 (or deemed 受理) stops the intake check and starts both decision clocks, from deemedAcceptedOn when given. */
function decisionClocks(note: string): ClockEffect[] {
  return [
    { stop: 'intake' },
    { start: 'decision', rule: 'approvals.decision', ruleField: 'decisionRule', lengthField: 'statutoryDays', atField: 'deemedAcceptedOn', note },
    { start: 'promise', rule: 'approvals.promise', ruleField: 'promiseRule', lengthField: 'promisedDays', atField: 'deemedAcceptedOn', note },
  ];
}
/**
 * Files an applicant may send with an online application, one per material on the checklist: no national rule fixes the
 * limits, so they are this platform's defaults (configurable per deployment).
 */
export const APPROVAL_PUBLIC_ATTACHMENTS: AttachmentRule = {
  maxFiles: 30, maxBytes: 10 * 1024 * 1024, mimes: ['application/pdf', 'image/jpeg', 'image/png'],
  basis: '无全国统一规定：本平台默认值（每项材料一个文件），可由本县配置',
};
const CHANNEL_LABELS = { window: '窗口', online: '网上' };
const zChannel = z.enum(['window', 'online'], '请选择窗口或网上');
const withdraw = {
  label: '申请人撤回', to: 'withdrawn' as const, roles: ['dispatcher', 'handler'] as const, public: true, danger: true, notify: 'closing' as const,
  input: z.object({ reason: z.string().trim().min(2, '请记录撤回理由').max(500).meta({ title: '撤回理由' }) }),
};

export const approvalWorkflow = defineWorkflow({
  type: 'approval',
  label: '行政审批办件',
  prefix: 'SP',
  initial: 'received',
  states: {
    received: { label: '已收件' },
    correcting: { label: '待补正' },
    reviewing: { label: '审查中' },
    suspended: { label: '特别程序中（不计时）' },
    forwarded: { label: '已报上级机关决定' },
    approved: { label: '已准予，待送达' },
    completed: { label: '已办结（准予许可）', terminal: true },
    denied: { label: '已办结（不予许可）', terminal: true },
    refused: { label: '不予受理', terminal: true },
    withdrawn: { label: '已撤回', terminal: true },
  },
  create: {
    label: '收件',
    roles: ['dispatcher', 'handler'],
    public: true,
    publicAttachments: APPROVAL_PUBLIC_ATTACHMENTS,
    clocks: [{ start: 'intake', rule: 'approvals.intake', note: '收到申请材料' }],
    // the applicant is a party (module.ts open): never in the open event
    personal: ['applicantName', 'applicantPhone', 'applicantIdNo'],
    notify: 'receipt',
    input: z.object({
      serviceId: zUuid.meta({ title: '办理事项' }),
      channel: zChannel.default('window').meta({ title: '收件渠道', 'x-enumLabels': CHANNEL_LABELS }),
      applicantKind: z.enum(['person', 'organisation'], '请选择申请人类型').default('person').meta({ title: '申请人类型', 'x-enumLabels': { person: '自然人', organisation: '法人或者其他组织' } }),
      applicantName: z.string().trim().min(2, '请填写申请人姓名或名称').max(100).meta({ title: '申请人' }),
      applicantPhone: z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号').meta({ title: '联系电话' }),
      applicantIdNo: z.string().trim().regex(/^[0-9A-Z]{15,18}$/, '证件号码格式不正确').optional().meta({ title: '身份证号 / 统一社会信用代码' }),
      materials: z.array(z.string().trim().min(1).max(200)).max(60).default([]).meta({ title: '已收材料' }),
      form: z.record(z.string(), z.string().max(2000)).default({}).meta({ title: '申请表内容' }),
      bundleId: z.string().regex(/^[0-9a-f-]{36}$/i).optional().meta({ title: '情景式办件' }),
    }),
  },
  transitions: {
    received: {
      // After the intake deadline the guard adds deemedAcceptedOn (the day the materials were received, Art. 32) and the basis.
      accept: {
        label: '受理', to: 'reviewing', roles: ['dispatcher', 'handler'], public: true,
        // the approvers of the agency now have a decision to make
        alert: { to: 'owner', role: 'approver', title: '许可申请待审查决定' },
        clocks: decisionClocks('受理'),
        input: z.object({ note: z.string().trim().max(500).optional().meta({ title: '备注' }) }),
      },
      deem_accept: {
        label: '逾期未告知视为受理', to: 'reviewing', roles: [], system: true, public: true,
        alert: { to: 'owner', role: 'approver', title: '许可申请待审查决定' },
        clocks: decisionClocks('逾期未告知，自收到申请材料之日起视为受理'),
        // Filled in by the guard (never by a user); declared for their titles on the timeline and in the facts.
        input: z.object({
          deemedAcceptedOn: z.string().optional().meta({ title: '视为受理之日（收到申请材料之日）' }),
          deemed: z.string().optional().meta({ title: '视为受理的依据' }),
        }),
      },
      notify_correction: {
        label: '一次性告知补正', to: 'correcting', roles: ['dispatcher', 'handler'], public: true, notify: 'correction',
        // the tracking page lists exactly what to resend (Art. 32: 一次告知需要补正的全部内容), until a later answer replaces it
        answer: { outcome: '请补正材料', fields: [{ key: 'items', label: '需补正的全部内容' }, { key: 'note', label: '说明' }] },
        clocks: [{ pause: 'intake', reason: '一次性告知补正，等待申请人补正材料' }],
        input: z.object({
          items: z.array(z.string().trim().min(2, '请写明需补正的材料').max(200)).min(1, '请列明需要补正的全部内容').max(30).meta({ title: '需补正的全部内容' }),
          note: z.string().trim().max(1000).optional().meta({ title: '说明' }),
        }),
      },
      refuse: {
        label: '不予受理', to: 'refused', roles: ['dispatcher', 'handler'], public: true, notify: 'answer',
        answer: { outcome: '不予受理', text: 'note', fields: [{ key: 'reason', label: '不予受理理由' }] }, confirm: '不予受理将出具加盖印章并注明日期的书面凭证。',
        clocks: [{ stop: 'intake' }],
        input: z.object({
          reason: z.enum(['申请事项依法不需要取得行政许可', '申请事项依法不属于本行政机关职权范围', '申请人隐瞒有关情况或者提供虚假材料', '其他法定情形'], '请选择不予受理理由').meta({ title: '不予受理理由（行政许可法第三十二条）' }),
          note: z.string().trim().min(4, '请说明理由并告知申请途径（至少 4 个字）').max(1000).meta({ title: '说明' }),
        }),
      },
      withdraw: { ...withdraw, clocks: [{ stop: 'intake' }] },
    },
    correcting: {
      materials_submitted: {
        label: '收到补正材料', to: 'received', roles: ['dispatcher', 'handler'], public: true,
        clocks: [{ restart: 'intake', reason: '申请人补正材料' }],
        input: z.object({
          channel: zChannel.meta({ title: '补正方式', 'x-enumLabels': CHANNEL_LABELS }),
          materials: z.array(z.string().trim().min(1).max(200)).min(1, '请登记收到的补正材料').max(30).meta({ title: '补正材料' }),
        }),
      },
      withdraw: { ...withdraw, clocks: [{ stop: 'intake' }] },
    },
    reviewing: {
      site_inspection: {
        label: '现场核查（计入期限）', to: 'reviewing', roles: ['dispatcher', 'handler', 'approver'], public: true,
        input: z.object({ findings: z.string().trim().min(4, '请记录核查情况').max(2000).meta({ title: '核查情况（行政许可法第三十四条第三款）' }) }),
      },
      suspend: {
        label: '启动特别程序（不计时）', to: 'suspended', roles: ['dispatcher', 'handler', 'approver'], public: true,
        clocks: [{ pause: 'decision', reason: '依《行政许可法》第四十五条，听证、检验、检测、检疫、鉴定、专家评审等所需时间不计入期限' }, { pause: 'promise', reason: '特别程序所需时间不计入承诺时限' }],
        input: z.object({
          procedure: z.enum(SPECIAL_PROCEDURES, '请选择特别程序').meta({ title: '特别程序（第四十五条）' }),
          expectedDays: z.number().int().min(1, '至少 1 日').max(365).meta({ title: '预计所需时间（日，书面告知申请人）' }),
          note: z.string().trim().max(1000).optional().meta({ title: '说明' }),
        }),
      },
      // The cap is the rule's maxExtension (10, or 15 for 联合办理); the approver of a joint item is checked by the guard.
      extend: {
        label: '延长期限（负责人批准）', to: 'reviewing', roles: ['leader'], public: true, notify: 'extension',
        clocks: [{ extend: 'decision', amountField: 'days', reasonField: 'reason' }],
        input: z.object({
          days: z.number().int().min(1, '至少 1 个工作日').max(15, '最多 15 个工作日（联合办理；其他事项最多 10 个工作日）').meta({ title: '延长工作日数' }),
          reason: z.string().trim().min(4, '请说明延期理由（将告知申请人）').max(1000).meta({ title: '延期理由' }),
        }),
      },
      // Deciding is a post of its own (审批人员), apart from 收件/受理 at the window; the guard refuses the person who accepted it.
      approve: {
        label: '准予许可', to: 'approved', roles: ['approver'], public: true, notify: 'answer',
        answer: { outcome: '准予许可', fields: [{ key: 'licenceNo', label: '许可证件编号' }] },
        clocks: [{ stop: 'decision' }, { stop: 'promise' }, { start: 'delivery', rule: 'approvals.delivery', note: '作出准予行政许可决定' }],
        input: z.object({
          licenceNo: z.string().trim().min(2, '请填写许可证件编号').max(100).meta({ title: '许可证件编号' }),
          note: z.string().trim().max(1000).optional().meta({ title: '审批意见' }),
        }),
      },
      deny: {
        label: '不予许可', to: 'denied', roles: ['approver'], public: true, notify: 'answer', answer: { outcome: '不予许可', text: 'reasons' },
        confirm: '不予许可须说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。',
        clocks: [{ stop: 'decision' }, { stop: 'promise' }],
        input: z.object({
          reasons: z.string().trim().min(10, '请写明不予许可的理由（至少 10 个字，行政许可法第三十八条第二款）').max(3000).meta({ title: '不予许可理由' }),
          remedyNotified: z.literal(true, '须告知申请人复议、诉讼权利').meta({ title: '已告知申请行政复议或提起行政诉讼的权利' }),
        }),
      },
      // Art. 43: an item the higher organ decides — this county reviews within 20 days and forwards its opinion with all materials.
      forward: {
        label: '报送上级机关决定（初步审查意见）', to: 'forwarded', roles: ['approver'], public: true,
        clocks: [{ stop: 'decision' }, { stop: 'promise' }],
        input: z.object({
          superiorOrg: z.string().trim().min(2, '请填写决定机关名称').max(100).meta({ title: '决定机关（上级行政机关）' }),
          opinion: z.string().trim().min(10, '请填写初步审查意见（至少 10 个字）').max(3000).meta({ title: '初步审查意见' }),
          documentNo: z.string().trim().max(60).optional().meta({ title: '报送文号' }),
        }),
      },
      withdraw: { ...withdraw, clocks: [{ stop: 'decision' }, { stop: 'promise' }] },
    },
    forwarded: {
      superior_approve: {
        label: '上级机关准予许可', to: 'approved', roles: ['dispatcher', 'handler', 'approver'], public: true, notify: 'answer',
        answer: { outcome: '准予许可', fields: [{ key: 'licenceNo', label: '许可证件编号' }, { key: 'decisionNo', label: '决定文号' }] },
        clocks: [{ start: 'delivery', rule: 'approvals.delivery', note: '收到上级机关准予行政许可的决定' }],
        input: z.object({
          licenceNo: z.string().trim().min(2, '请填写许可证件编号').max(100).meta({ title: '许可证件编号' }),
          decisionNo: z.string().trim().min(2, '请填写上级机关决定文号').max(60).meta({ title: '上级机关决定文号' }),
        }),
      },
      superior_deny: {
        label: '上级机关不予许可', to: 'denied', roles: ['dispatcher', 'handler', 'approver'], public: true, notify: 'answer',
        answer: { outcome: '不予许可', text: 'reasons', fields: [{ key: 'decisionNo', label: '决定文号' }] },
        input: z.object({
          decisionNo: z.string().trim().min(2, '请填写上级机关决定文号').max(60).meta({ title: '上级机关决定文号' }),
          reasons: z.string().trim().min(10, '请记录不予许可的理由（至少 10 个字）').max(3000).meta({ title: '不予许可理由' }),
        }),
      },
      withdraw: { ...withdraw },
    },
    suspended: {
      resume: {
        label: '特别程序结束，恢复计时', to: 'reviewing', roles: ['dispatcher', 'handler', 'approver'], public: true,
        clocks: [{ resume: 'decision' }, { resume: 'promise' }],
        input: z.object({ result: z.string().trim().min(2, '请记录特别程序结果').max(2000).meta({ title: '特别程序结果' }) }),
      },
    },
    approved: {
      deliver: {
        label: '送达 / 制证', to: 'completed', roles: ['dispatcher', 'handler'], public: true, notify: 'closing',
        clocks: [{ stop: 'delivery' }],
        input: z.object({
          method: z.enum(['窗口领取', '邮寄送达', '电子证照'], '请选择送达方式').meta({ title: '送达方式' }),
          note: z.string().trim().max(500).optional().meta({ title: '备注' }),
        }),
      },
    },
  },
  // The item, its limits, materials and the outcome; the rule keys of joint items and the ids stay internal (applicant = a party, masked).
  facts: [
    { key: 'itemName', label: '办理事项' }, { key: 'itemCode', label: '事项编码' }, { key: 'channel', labels: CHANNEL_LABELS }, { key: 'jointMode', label: '办理方式（第四十二条第二款）' },
    { key: 'instant', label: '即办件', kind: 'boolean' }, { key: 'statutoryDays', label: '法定办理时限', kind: 'workdays', unitField: 'statutoryUnit' },
    { key: 'statutoryBasis', label: '法定时限依据' }, { key: 'promisedDays', label: '承诺办理时限', kind: 'workdays' },
    { key: 'preReview', label: '须报上级机关决定（第四十三条）', kind: 'boolean' }, { key: 'superiorOrg', label: '决定机关' }, { key: 'decisionNo', label: '上级机关决定文号' },
    { key: 'materials' }, { key: 'missingMaterials', label: '缺少的必要材料', kind: 'list' }, { key: 'form' },
    { key: 'correctionItems', label: '需补正的全部内容', kind: 'list' }, { key: 'deemedAcceptedOn', kind: 'date' },
    { key: 'decision', label: '办理结果' }, { key: 'licenceNo' }, { key: 'reasons' }, { key: 'refuseReason', label: '不予受理理由' },
    { key: 'deliveryMethod', label: '送达方式' }, { key: 'trips', label: '到窗口跑动次数', kind: 'number' },
  ],
});

/** Trips the applicant makes in person (最多跑一次): window intake, window 补正, window pick-up. */
export function tripsAfter(action: string, input: Record<string, unknown>): number {
  if (action === 'open') return input.channel === 'window' ? 1 : 0;
  if (action === 'materials_submitted') return input.channel === 'window' ? 1 : 0;
  if (action === 'deliver') return input.method === '窗口领取' ? 1 : 0;
  return 0;
}
