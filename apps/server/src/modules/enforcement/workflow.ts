import { z } from 'zod';
import { defineWorkflow, type ClockRule, zId } from '@yifa/contracts';

/**
 * 行政处罚 (普通程序 and 简易程序) under 《中华人民共和国行政处罚法》(2021 修订) and 国办发〔2018〕118号 (三项制度).
 * The gates (权责清单, two certified officers, 告知 before decision, 法制审核) are checked by the case type's guard;
 * the periods are the rules below, run by the deadline ledger.
 */
const LAW = '《中华人民共和国行政处罚法》（2021年修订）';
const IN_FORCE = '2021-07-15';
export const ENFORCEMENT_RULES: ClockRule[] = [
  {
    key: 'enforcement.decision', label: '作出行政处罚决定期限', unit: 'days', length: 90, yellowWithin: 10, sourced: true, configurable: false,
    basis: `${LAW}第六十条：行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定`, effectiveFrom: IN_FORCE,
  },
  {
    key: 'enforcement.hearing_request', label: '听证申请期限', unit: 'workdays', length: 5, yellowWithin: 1, sourced: true, configurable: false,
    basis: `${LAW}第六十四条第一项：当事人要求听证的，应当在行政机关告知后五日内提出`, effectiveFrom: IN_FORCE,
  },
  {
    key: 'enforcement.delivery', label: '处罚决定书送达期限', unit: 'workdays', length: 7, yellowWithin: 2, sourced: true, configurable: false,
    basis: `${LAW}第六十一条：当事人不在场的，行政机关应当在七日内依照《民事诉讼法》的有关规定，将行政处罚决定书送达当事人`, effectiveFrom: IN_FORCE,
  },
  {
    key: 'enforcement.publication', label: '行政执法决定公示期限', unit: 'workdays', length: 7, yellowWithin: 2, sourced: true, configurable: false,
    basis: '国办发〔2018〕118号：行政执法决定应当自作出之日起7个工作日内公开', effectiveFrom: '2018-12-05',
  },
  {
    key: 'enforcement.withdrawal', label: '撤回处罚决定公示期限', unit: 'workdays', length: 3, yellowWithin: 1, sourced: true, configurable: false,
    basis: `${LAW}第四十八条第二款：公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由；`
      + '第八十五条：本法中“三日”“七日”的规定是指工作日', effectiveFrom: IN_FORCE,
  },
  {
    key: 'enforcement.hearing_notice', label: '听证通知提前期', unit: 'workdays', length: 7, yellowWithin: 0, sourced: true, configurable: false,
    basis: `${LAW}第六十四条第二项：行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点；第八十五条：“七日”指工作日`,
    effectiveFrom: IN_FORCE,
  },
  {
    key: 'enforcement.preservation', label: '先行登记保存处理决定期限', unit: 'workdays', length: 7, yellowWithin: 2, sourced: true, configurable: false,
    basis: `${LAW}第五十六条：先行登记保存的，应当在七日内及时作出处理决定；第八十五条：“七日”指工作日`, effectiveFrom: IN_FORCE,
  },
  {
    key: 'enforcement.payment', label: '缴纳罚款期限', unit: 'days', length: 15, yellowWithin: 3, sourced: true, configurable: false,
    basis: `${LAW}第六十七条第三款：当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款`, effectiveFrom: IN_FORCE,
  },
];

/** 加处罚款 (Art. 72 ¶1 (一)) as data: a share of the fine per day past the payment period, never above the fine. */
export const SURCHARGE_RULES = [
  { ratePerDay: 0.03, capAtFine: true, basis: `${LAW}第七十二条第一款第一项：到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额`,
    effectiveFrom: IN_FORCE },
] as const;

/** Art. 48 ¶2: the ways a published decision stops standing. */
export const REVOCATION_KINDS = ['变更', '撤销', '确认违法', '确认无效'] as const;

/** 简易程序 amount limits (Art. 51), as data: above them only 普通程序. */
export const SUMMARY_LIMITS = [
  { partyKind: 'person', maxFine: 200, basis: `${LAW}第五十一条：对公民处以二百元以下罚款`, effectiveFrom: IN_FORCE },
  { partyKind: 'organisation', maxFine: 3000, basis: `${LAW}第五十一条：对法人或者其他组织处以三千元以下罚款`, effectiveFrom: IN_FORCE },
] as const;

/** Art. 57 outcomes. */
export const OUTCOMES = ['处罚', '不予处罚（违法行为轻微）', '不予处罚（违法事实不能成立）', '移送司法机关'] as const;
/** Art. 58 ¶1 cases where 法制审核 is required before the decision. */
export const ART58_GROUNDS = ['涉及重大公共利益', '直接关系当事人或者第三人重大权益，经过听证程序', '案件情况疑难复杂、涉及多个法律关系', '法律、法规规定应当进行法制审核的其他情形'] as const;
export const FIELDS = ['市场监管', '生态环境', '住房城乡建设', '交通运输', '自然资源', '农业农村', '人力资源社会保障', '城市管理', '公安'] as const;

export const zText = (title: string, min = 2, max = 2000) => z.string().trim().min(min, `请填写${title}`).max(max, `最多 ${max} 个字`).meta({ title });
const zFine = z.number().min(0, '不能为负').max(100_000_000, '金额过大').meta({ title: '罚款金额（元）' });

const decide = {
  label: '作出决定', to: 'decided', roles: ['handler', 'leader'], public: true,
  clocks: [{ stop: 'decision' }, { start: 'delivery', rule: 'enforcement.delivery', note: '作出决定（第六十一条）' },
    { start: 'publication', rule: 'enforcement.publication', note: '作出决定（118号 公示）' }],
  input: z.object({
    outcome: z.enum(OUTCOMES, '请选择决定结果').meta({ title: '决定结果（第五十七条）' }),
    decisionNo: zText('决定书编号', 2, 100),
    fineAmount: zFine.optional(),
    penalty: zText('处罚种类和依据（第五十九条）'),
    remedies: zText('申请行政复议、提起行政诉讼的途径和期限（第五十九条）'),
  }),
} as const;

/** 公示 (118号): publishes the decision through the publication service, personal data removed (penalty.ts afterAction). */
const publishIn = <T extends string>(to: T) => ({ label: '公示', to, roles: ['handler'], public: true, clocks: [{ stop: 'publication' }] }) as const;
/** Art. 48 ¶2: a decision changed, revoked or declared illegal/void; when it was published, the 3-WD withdrawal clock runs. */
const revoke = {
  label: '决定被变更、撤销或确认违法、无效', to: 'revoked', roles: ['handler', 'leader'], public: true,
  clocks: [{ stop: 'publication', ifRunning: true }, { start: 'withdrawal', rule: 'enforcement.withdrawal', note: '决定被变更、撤销或确认违法、无效（第四十八条）' }],
  input: z.object({
    kind: z.enum(REVOCATION_KINDS, '请选择变更、撤销、确认违法或确认无效').meta({ title: '情形' }),
    instrument: zText('依据的决定书或者判决书（文号）', 2, 200), reason: zText('理由'),
  }),
} as const;

/**
 * 全过程记录: the audio/video of an act the county requires it of (recordings.ts). Performed by the upload (POST
 * /enforcement/cases/:id/recordings, which checks the uploader may add files to the case), never offered as a button.
 */
const attachRecording = {
  label: '附音像记录', roles: [], system: true, public: false,
  input: z.object({
    uploadedBy: z.string().max(100).meta({ title: '上传人' }),
    seq: z.number().int().min(1).meta({ title: '执法环节（步骤序号）' }), kind: z.enum(['录像', '录音']).meta({ title: '类别' }),
    fileId: zId('请上传音像文件'), sm3: z.string().regex(/^[0-9a-f]{64}$/, 'SM3 应为 64 位十六进制').meta({ title: 'SM3 杂凑值' }),
    filename: z.string().max(200).meta({ title: '文件名' }),
  }),
} as const;
const recording = <T extends string>(to: T) => ({ attach_recording: { ...attachRecording, to } });

export const penaltyWorkflow = defineWorkflow({
  type: 'penalty_case',
  label: '行政处罚案件',
  prefix: 'CF',
  initial: 'filed',
  states: {
    filed: { label: '已立案' },
    investigated: { label: '已调查取证' },
    notified: { label: '已告知' },
    hearing: { label: '听证中' },
    reviewing: { label: '法制审核中' },
    reviewed: { label: '法制审核通过' },
    decided: { label: '已决定' },
    delivered: { label: '已送达' },
    executed: { label: '已执行' },
    revoked: { label: '决定已变更或撤销' },
    closed: { label: '已结案', terminal: true },
  },
  create: {
    label: '立案',
    roles: ['handler'],
    clocks: [{ start: 'decision', rule: 'enforcement.decision', note: '立案（第六十条）' }],
    input: z.object({
      powerId: zId('请选择权责清单中的行政处罚事项').meta({ title: '行政处罚事项' }),
      field: z.enum(FIELDS, '请选择执法领域').meta({ title: '执法领域' }),
      procedure: z.enum(['普通程序', '简易程序'], '请选择程序').default('普通程序').meta({ title: '程序' }),
      partyKind: z.enum(['person', 'organisation'], '请选择当事人类型').meta({ title: '当事人类型', 'x-enumLabels': { person: '自然人', organisation: '法人或者其他组织' } }),
      parties: z.object({ name: zText('当事人名称', 2, 100) }).meta({ title: '当事人' }),
      facts: zText('违法事实', 5),
      source: z.enum(['检查发现', '投诉举报', '移送', '其他'], '请选择案件来源').default('检查发现').meta({ title: '案件来源' }),
      fineAmount: zFine.optional(),
    }),
  },
  transitions: {
    filed: {
      ...recording('filed'),
      investigate: {
        label: '调查取证', to: 'investigated', roles: ['handler'], public: false,
        input: z.object({
          officerCertNos: z.array(z.string().trim().min(2, '请填写执法证号')).min(2, '调查取证须两名以上执法人员（第四十二条）').max(10).meta({ title: '执法人员证号' }),
          record: zText('调查笔录摘要', 5),
        }),
      },
      summary_decide: {
        label: '当场处罚（简易程序）', to: 'closed', roles: ['handler'], public: true, clocks: [{ stop: 'decision' }],
        input: z.object({
          officerCertNos: z.array(z.string().trim().min(2)).min(1, '请填写执法证号').max(10).meta({ title: '执法人员证号' }),
          fineAmount: zFine, decisionNo: zText('决定书编号', 2, 100),
        }),
      },
    },
    investigated: {
      ...recording('investigated'),
      notify: {
        label: '告知', to: 'notified', roles: ['handler'], public: true,
        // a new 告知 after a failed 法制审核 opens the party's window again (a new round of the same clock)
        clocks: [{ start: 'hearing_request', rule: 'enforcement.hearing_request', note: '告知（第四十四条、第六十三条）', rounds: true }],
        input: z.object({
          proposedPenalty: zText('拟处罚内容'), fineAmount: zFine.optional(), reasons: zText('理由'), basis: zText('依据'),
          hearingRight: z.boolean().default(false).meta({ title: '告知听证权利（第六十三条）' }),
          art58: z.enum(ART58_GROUNDS).optional().meta({ title: '须法制审核的情形（第五十八条）' }),
          circumstance: z.enum(['轻微', '一般', '较重', '严重'], '请选择违法情形').optional().meta({ title: '违法情形（裁量基准）' }),
          factors: z.array(z.enum(['从轻', '减轻', '从重'], '应为 从轻、减轻 或 从重')).max(3).default([]).meta({ title: '从轻、减轻、从重情节（第三十二条）' }),
          deviationReason: z.string().trim().min(10, '偏离裁量基准须书面说明理由（至少 10 个字）').max(2000).optional().meta({ title: '偏离裁量基准的理由' }),
          major: z.boolean().default(false).meta({ title: '情节复杂或者重大违法行为（第五十七条第二款，须集体讨论）' }),
        }),
      },
      preserve: {
        label: '先行登记保存', to: 'investigated', roles: ['handler'],
        clocks: [{ start: 'preservation', rule: 'enforcement.preservation', note: '先行登记保存（第五十六条）' }],
        input: z.object({
          approver: zText('批准的行政机关负责人', 2, 50), items: zText('保存的证据（物品名称、数量）'),
        }),
      },
      preservation_decide: {
        label: '先行登记保存处理决定', to: 'investigated', roles: ['handler'], clocks: [{ stop: 'preservation' }],
        input: z.object({ measure: z.enum(['解除先行登记保存', '予以没收', '移送有关机关', '采取查封扣押措施'], '请选择处理决定').meta({ title: '处理决定' }) }),
      },
    },
    notified: {
      ...recording('notified'),
      request_hearing: { label: '当事人申请听证', to: 'hearing', roles: ['handler'], public: true, clocks: [{ stop: 'hearing_request' }] },
      statement: { label: '记录陈述申辩', to: 'notified', roles: ['handler'], input: z.object({ statement: zText('陈述申辩意见') }) },
      discuss: {
        label: '负责人集体讨论', to: 'notified', roles: ['leader', 'handler'],
        input: z.object({ attendees: zText('参加讨论的负责人', 2, 500), conclusion: zText('讨论结论') }),
      },
      // Moving on ends the party's window to ask for a hearing (Art. 64): it is no longer a running deadline on the case.
      submit_review: {
        label: '提交法制审核', to: 'reviewing', roles: ['handler'], alert: { to: 'owner', role: 'reviewer', title: '案件待法制审核' },
        clocks: [{ stop: 'hearing_request', ifRunning: true }],
      },
      decide: { ...decide, clocks: [{ stop: 'hearing_request', ifRunning: true }, ...decide.clocks] },
    },
    hearing: {
      ...recording('hearing'),
      schedule_hearing: {
        label: '发出听证通知', to: 'hearing', roles: ['handler'], public: true,
        input: z.object({
          hearingOn: z.iso.date('请填写听证日期（YYYY-MM-DD）').meta({ title: '听证日期' }), place: zText('听证地点', 2, 200),
          chair: zText('听证主持人', 2, 50),
          chairCertNo: z.string().trim().min(2, '请填写听证主持人的执法证号').max(30).meta({ title: '听证主持人执法证号' }),
        }),
      },
      hearing_held: {
        label: '听证完毕', to: 'notified', roles: ['handler'], public: true,
        input: z.object({ record: zText('听证笔录摘要', 5), signed: z.literal(true, '听证笔录须经当事人或者其代理人核对无误后签字或者盖章（第六十四条第八项）')
          .meta({ title: '笔录已签字或者盖章' }) }),
      },
    },
    reviewing: {
      ...recording('reviewing'),
      review_pass: { label: '法制审核通过', to: 'reviewed', roles: ['reviewer', 'leader'], input: z.object({ opinion: zText('审核意见') }) },
      review_fail: {
        label: '法制审核未通过', to: 'investigated', roles: ['reviewer', 'leader'], alert: { to: 'owner', role: 'handler', title: '法制审核未通过，请补充调查' },
        input: z.object({ opinion: zText('审核意见') }),
      },
    },
    reviewed: {
      ...recording('reviewed'),
      discuss: {
        label: '负责人集体讨论', to: 'reviewed', roles: ['leader', 'handler'],
        input: z.object({ attendees: zText('参加讨论的负责人', 2, 500), conclusion: zText('讨论结论') }),
      },
      decide,
    },
    decided: {
      ...recording('decided'),
      deliver: {
        label: '送达', to: 'delivered', roles: ['handler'], public: true,
        clocks: [{ stop: 'delivery' }, { start: 'payment', rule: 'enforcement.payment', note: '送达（第六十七条，十五日内缴纳罚款）' }],
        input: z.object({ method: zText('送达方式', 2, 50) }),
      },
      publish: publishIn('decided'),
      revoke,
    },
    delivered: {
      ...recording('delivered'),
      publish: publishIn('delivered'),
      execute: {
        label: '执行完毕', to: 'executed', roles: ['handler'], public: true, clocks: [{ stop: 'payment', ifRunning: true }],
        input: z.object({ note: zText('执行情况'), paidAmount: zFine.optional().meta({ title: '实缴金额（元，含加处罚款）' }) }),
      },
      close: { label: '结案', to: 'closed', roles: ['handler'], public: true, clocks: [{ stop: 'payment', ifRunning: true }] },
      revoke,
    },
    executed: {
      ...recording('executed'),
      publish: publishIn('executed'),
      close: { label: '结案', to: 'closed', roles: ['handler'], public: true },
      revoke,
    },
    revoked: {
      ...recording('revoked'),
      withdraw_publication: {
        label: '撤回公示', to: 'revoked', roles: ['handler'], public: true, clocks: [{ stop: 'withdrawal' }],
        input: z.object({ explanation: zText('公开说明的理由') }),
      },
      close: { label: '结案', to: 'closed', roles: ['handler'], public: true },
    },
  },
  facts: [
    { key: 'powerCode', label: '职权编码' }, { key: 'powerName', label: '行政处罚事项' }, { key: 'field', label: '执法领域' },
    { key: 'procedure', label: '程序' }, { key: 'officers', label: '执法人员', kind: 'list' }, { key: 'proposedPenalty', label: '拟处罚内容' },
    { key: 'reviewRequired', label: '须法制审核', kind: 'boolean' }, { key: 'reviewPassed', label: '法制审核通过', kind: 'boolean' }, { key: 'outcome', label: '决定结果' },
    { key: 'decisionNo', label: '决定书编号' }, { key: 'discretionRange', label: '适用裁量基准及罚款幅度' },
    { key: 'recordingGaps', label: '全过程记录缺口（须音像记录）', kind: 'list' },
  ],
});
