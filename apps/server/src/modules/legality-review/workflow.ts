import { z } from 'zod';
import { defineWorkflow, type ClockRule, zId } from '@yifa/contracts';
import { zDate } from '../../platform/http/validation.ts';
import { ADVISOR_ACTIONS } from './advisor-actions.ts';

/**
 * 行政规范性文件合法性审核 (legality review of normative documents): the drafting department
 * submits, the justice bureau (司法局) reviews within the period of 国办发〔2018〕115号 and issues
 * an opinion. The seed county reports 204 such reviews in 2021.
 */
export const LEGALITY_RULES: ClockRule[] = [
  {
    key: 'legality.review', label: '合法性审核期限', unit: 'workdays', length: 15, yellowWithin: 3, sourced: true, configurable: true,
    basis: '国办发〔2018〕115号："合法性审核时间一般不少于5个工作日，最长不超过15个工作日"', effectiveFrom: '2018-12-04',
  },
  {
    key: 'legality.review.decision', label: '重大行政决策合法性审查期限', unit: 'workdays', length: 15, yellowWithin: 3, sourced: false, configurable: true,
    basis: '《重大行政决策程序暂行条例》第二十六条只规定"一般不少于7个工作日"；上限未见全国规定，默认参照115号的15个工作日，由本县设定',
    effectiveFrom: '2019-09-01',
  },
  {
    key: 'legality.review.contract', label: '行政协议及合同合法性审查期限', unit: 'workdays', length: 15, yellowWithin: 3, sourced: false, configurable: true,
    basis: '未见全国统一期限，默认参照国办发〔2018〕115号的15个工作日，由本县设定', effectiveFrom: '2018-12-04',
  },
  {
    key: 'legality.review.other', label: '其他涉法事务合法性审查期限', unit: 'workdays', length: 15, yellowWithin: 3, sourced: false, configurable: true,
    basis: '未见全国统一期限，默认参照国办发〔2018〕115号的15个工作日，由本县设定', effectiveFrom: '2018-12-04',
  },
  // Floors, not deadlines: no clock runs under them; concluding sooner needs the 突发事件/紧急命令 exception (see review.ts).
  {
    key: 'legality.floor', label: '合法性审核最短时间', unit: 'workdays', length: 5, yellowWithin: 0, sourced: true, configurable: false,
    basis: '国办发〔2018〕115号："合法性审核时间一般不少于5个工作日"；为预防、应对和处置突发事件，或者执行上级机关的紧急命令和决定除外',
    effectiveFrom: '2018-12-04',
  },
  {
    key: 'legality.floor.decision', label: '重大行政决策合法性审查最短时间', unit: 'workdays', length: 7, yellowWithin: 0, sourced: true, configurable: false,
    basis: '《重大行政决策程序暂行条例》第二十六条："送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日"', effectiveFrom: '2019-09-01',
  },
];

/** The kinds of 合法性审查 the justice bureau handles; each picks its clock rule (`reviewRule` fact) and its checklist. */
export const REVIEW_KINDS = ['规范性文件', '重大行政决策', '行政协议及合同', '其他涉法事务'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
/** The variant of legality.review / legality.floor for a kind (none: the base rule of 115号). */
export const KIND_RULE: Record<ReviewKind, string | undefined> = { 规范性文件: undefined, 重大行政决策: 'decision', 行政协议及合同: 'contract', 其他涉法事务: 'other' };
/** The minimum review time of a kind (none known for 合同 and 其他涉法事务). */
export const KIND_FLOOR: Record<ReviewKind, string | undefined> = { 规范性文件: 'legality.floor', 重大行政决策: 'legality.floor.decision', 行政协议及合同: undefined,
  其他涉法事务: undefined };
/** The exceptions to the minimum review time (115号). */
export const URGENT_REASONS = ['为预防、应对和处置突发事件', '执行上级机关的紧急命令和决定'] as const;

/** What the reviewer answers item by item, per kind, with its source. */
export const CHECKLISTS: Record<ReviewKind, { basis: string; items: readonly string[] }> = {
  规范性文件: {
    basis: '国办发〔2018〕115号 三(二)',
    items: [
      '制定主体是否合法', '是否超越制定机关法定职权', '内容是否符合宪法、法律、法规、规章和国家政策规定',
      '是否违法设立行政许可、行政处罚、行政强制、行政征收、行政收费等事项', '是否存在没有法律、法规依据作出减损公民、法人和其他组织合法权益或者增加其义务的情形',
      '是否存在没有法律、法规依据增加本单位权力或者减少本单位法定职责的情形', '是否违反规范性文件制定程序',
    ],
  },
  重大行政决策: { basis: '《重大行政决策程序暂行条例》第二十七条', items: ['决策事项是否符合法定权限', '决策草案的形成是否履行相关法定程序', '决策草案内容是否符合有关法律、法规、规章和国家政策的规定'] },
  行政协议及合同: { basis: '本平台审查要点（无全国统一规定，参照国办发〔2018〕115号）', items: ['签约主体是否适格', '是否超越法定职权', '协议内容是否符合法律、法规、规章和国家政策规定', '签订程序是否合法'] },
  其他涉法事务: { basis: '本平台审查要点（无全国统一规定，参照国办发〔2018〕115号）', items: ['是否超越法定职权', '内容是否符合法律、法规、规章和国家政策规定', '程序是否合法'] },
};

const zUuid = zId('请选择机构');

export const legalityReviewWorkflow = defineWorkflow({
  type: 'legality_review',
  label: '规范性文件合法性审核',
  prefix: 'HF',
  initial: 'submitted',
  states: {
    submitted: { label: '已报送' },
    reviewing: { label: '审核中' },
    supplementing: { label: '补充材料中' },
    concluded: { label: '已出具审核意见', terminal: true },
    returned: { label: '已退回', terminal: true },
    withdrawn: { label: '已撤回', terminal: true },
  },
  create: {
    label: '报送审核',
    roles: ['handler', 'reviewer'],
    // the justice bureau's reviewers have a draft to accept
    alert: { to: 'owner', role: 'reviewer', title: '合法性审核待受理' },
    input: z.object({
      kind: z.enum(REVIEW_KINDS, '请选择审查类别').default('规范性文件').meta({ title: '审查类别' }),
      title: z.string().trim().min(4, '请填写文件名称（至少 4 个字）').max(200, '最多 200 个字').meta({ title: '文件名称' }),
      draftingOrgId: zUuid.meta({ title: '起草单位' }),
      docKind: z.enum(['决定', '命令', '公告', '通告', '意见', '通知', '办法', '规定', '细则'], '请选择公文种类').optional().meta({ title: '公文种类', description: '规范性文件必填' }),
      summary: z.string().trim().min(10, '请概述主要内容（至少 10 个字）').max(2000).meta({ title: '主要内容' }),
      affectsMarket: z.boolean().default(false).meta({ title: '涉及市场主体生产经营（需公平竞争审查）' }),
      // 依据 from the 法律法规目录 (laws module: recorded as citations, flagged when a law changes after effectiveOn)
      bases: z.array(z.object({ lawId: zId('请选择法律法规'), article: z.string().trim().max(200, '最多 200 个字').optional().meta({ title: '条款' }) }))
        .max(50, '最多 50 项依据').optional().meta({ title: '制定依据（法律法规目录）' }),
      effectiveOn: zDate.optional().meta({ title: '文件施行日期（已施行的文件填写）' }),
      sourceCaseId: zUuid.optional().meta({ title: '送审的规范性文件（制定流程）' }),
    }),
  },
  transitions: {
    submitted: {
      accept: { label: '受理', to: 'reviewing', roles: ['reviewer'], public: true, clocks: [{ start: 'review', rule: 'legality.review', ruleField: 'reviewRule',
        note: '受理' }] },
      return: {
        label: '退回', to: 'returned', roles: ['reviewer'], public: true, confirm: '退回后本次报送结束，起草单位需重新报送。',
        input: z.object({
          reason: z.enum(['不属于行政规范性文件', '制定主体不适格', '报送材料不齐全'], '请选择退回理由').meta({ title: '退回理由' }),
          note: z.string().trim().min(2, '请说明').max(1000).meta({ title: '说明' }),
        }),
      },
      withdraw: { label: '撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, input: z.object({ reason: z.string().trim().min(2, '请说明撤回理由').max(500).meta({ title: '撤回理由' }) }) },
    },
    reviewing: {
      ...ADVISOR_ACTIONS,
      request_materials: {
        label: '要求补充材料', to: 'supplementing', roles: ['reviewer'], public: true,
        clocks: [{ pause: 'review', reason: '起草单位补充材料' }],
        input: z.object({ items: z.string().trim().min(4, '请列明需补充的材料').max(1000).meta({ title: '需补充的材料' }) }),
      },
      conclude: {
        label: '出具审核意见', to: 'concluded', roles: ['reviewer'], public: true, clocks: [{ stop: 'review' }],
        input: z.object({
          conclusion: z.enum(['合法', '修改后合法', '不合法'], '请选择审核结论').meta({ title: '审核结论' }),
          opinionNo: z.string().trim().regex(/^.+〔\d{4}〕[1-9]\d*号$/, '文号格式应如：示司审〔2026〕3号').meta({ title: '审核意见书文号' }),
          opinion: z.string().trim().min(10, '请填写审核意见（至少 10 个字）').max(5000).meta({ title: '审核意见' }),
          checklist: z.array(z.object({
            item: z.string().meta({ title: '审查事项' }),
            answer: z.enum(['符合', '不符合', '不适用'], '请选择审查结果').meta({ title: '审查结果' }),
            note: z.string().trim().max(1000).optional().meta({ title: '说明' }),
          })).optional().meta({ title: '审查要点（逐项填写，必填）' }),
          urgentReason: z.enum(URGENT_REASONS, '请选择例外情形').optional().meta({ title: '少于最短审核时间的例外情形' }),
          changes: z.string().trim().max(5000).optional().meta({ title: '修改意见（结论为修改后合法时必填）' }),
        }),
      },
      withdraw: { label: '撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, clocks: [{ stop: 'review' }], input: z.object({ reason: z.string().trim().min(2, '请说明撤回理由').max(500).meta({ title: '撤回理由' }) }) },
    },
    supplementing: {
      materials_received: { label: '收到补充材料', to: 'reviewing', roles: ['reviewer'], public: true, clocks: [{ resume: 'review' }], input: z.object({ note: z.string().trim().max(500).optional().meta({ title: '备注' }) }) },
      withdraw: { label: '撤回', to: 'withdrawn', roles: ['handler'], public: true, danger: true, clocks: [{ stop: 'review' }], input: z.object({ reason: z.string().trim().min(2, '请说明撤回理由').max(500).meta({ title: '撤回理由' }) }) },
    },
  },
  facts: [
    { key: 'kind', label: '审查类别' }, { key: 'draftingOrgId' }, { key: 'docKind' }, { key: 'affectsMarket' }, { key: 'summary' },
    { key: 'conclusion' }, { key: 'opinionNo' }, { key: 'urgentReason', label: '例外情形' }, { key: 'returnReason', label: '退回理由' },
  ],
});
