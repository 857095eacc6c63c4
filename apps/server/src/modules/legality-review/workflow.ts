import { z } from 'zod';
import { defineWorkflow, type ClockRule, zId } from '@yifa/contracts';

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
];

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
    input: z.object({
      title: z.string().trim().min(4, '请填写文件名称（至少 4 个字）').max(200, '最多 200 个字').meta({ title: '文件名称' }),
      draftingOrgId: zUuid.meta({ title: '起草单位' }),
      docKind: z.enum(['决定', '命令', '公告', '通告', '意见', '通知', '办法', '规定', '细则'], '请选择公文种类').meta({ title: '公文种类' }),
      summary: z.string().trim().min(10, '请概述主要内容（至少 10 个字）').max(2000).meta({ title: '主要内容' }),
      affectsMarket: z.boolean().default(false).meta({ title: '涉及市场主体生产经营（需公平竞争审查）' }),
    }),
  },
  transitions: {
    submitted: {
      accept: { label: '受理', to: 'reviewing', roles: ['reviewer'], public: true, clocks: [{ start: 'review', rule: 'legality.review', note: '受理' }] },
      return: {
        label: '退回', to: 'returned', roles: ['reviewer'], public: true, confirm: '退回后本次报送结束，起草单位需重新报送。',
        input: z.object({
          reason: z.enum(['不属于行政规范性文件', '制定主体不适格', '报送材料不齐全'], '请选择退回理由').meta({ title: '退回理由' }),
          note: z.string().trim().min(2, '请说明').max(1000).meta({ title: '说明' }),
        }),
      },
      withdraw: { label: '撤回', to: 'withdrawn', roles: ['handler'], public: true, input: z.object({ reason: z.string().trim().min(2, '请说明撤回理由').max(500).meta({ title: '撤回理由' }) }) },
    },
    reviewing: {
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
        }),
      },
      withdraw: { label: '撤回', to: 'withdrawn', roles: ['handler'], public: true, clocks: [{ stop: 'review' }], input: z.object({ reason: z.string().trim().min(2, '请说明撤回理由').max(500).meta({ title: '撤回理由' }) }) },
    },
    supplementing: {
      materials_received: { label: '收到补充材料', to: 'reviewing', roles: ['reviewer'], public: true, clocks: [{ resume: 'review' }], input: z.object({ note: z.string().trim().max(500).optional().meta({ title: '备注' }) }) },
      withdraw: { label: '撤回', to: 'withdrawn', roles: ['handler'], public: true, clocks: [{ stop: 'review' }], input: z.object({ reason: z.string().trim().min(2, '请说明撤回理由').max(500).meta({ title: '撤回理由' }) }) },
    },
  },
  facts: [
    { key: 'draftingOrgId' }, { key: 'docKind' }, { key: 'affectsMarket' }, { key: 'summary' },
    { key: 'conclusion' }, { key: 'opinionNo' }, { key: 'returnReason', label: '退回理由' },
  ],
});
