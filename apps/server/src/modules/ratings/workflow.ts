import { z } from 'zod';
import { defineWorkflow, type ClockRule } from '@yifa/contracts';

/**
 * 差评整改 (rectification of a 不满意 / 非常不满意 rating): 回访核实 → 整改 → 反馈; or 申诉复核 by a
 * supervisor for mistaken / malicious ratings. 国办发〔2019〕51号 sets the principle ("差评件件有整改、
 * 有反馈", 申诉复核); the numbers are local (DOMAIN.md §3.2), hence sourced:false and configurable.
 */
export const RATING_RULES: ClockRule[] = [
  {
    key: 'ratings.verify', label: '差评回访核实期限', unit: 'workdays', length: 1, yellowWithin: 0, sourced: false, configurable: true,
    basis: '国办发〔2019〕51号（专人回访核实）；期限为地方口径，默认取《安阳市政务服务条例》第五十二条"1个工作日内联系核实"',
    effectiveFrom: '2019-12-03',
  },
  {
    key: 'ratings.rectify', label: '差评整改期限', unit: 'workdays', length: 15, yellowWithin: 3, sourced: false, configurable: true,
    basis: '国办发〔2019〕51号（差评件件有整改、有反馈）；期限为地方口径，默认取四川省"15个工作日内整改到位"',
    effectiveFrom: '2019-12-03',
  },
];

export const rectificationWorkflow = defineWorkflow({
  type: 'rating_rectification',
  label: '差评整改',
  prefix: 'CP',
  initial: 'verifying',
  states: {
    verifying: { label: '待回访核实' },
    rectifying: { label: '整改中' },
    appealing: { label: '申诉复核中' },
    rectified: { label: '已整改并反馈', terminal: true },
    excluded: { label: '申诉成立（不计入统计）', terminal: true },
  },
  create: {
    label: '差评登记',
    roles: ['handler', 'dispatcher'],
    clocks: [{ start: 'verify', rule: 'ratings.verify', note: '收到差评' }, { start: 'rectify', rule: 'ratings.rectify', note: '收到差评' }],
    input: z.object({ ratingId: z.string().regex(/^[0-9a-f-]{36}$/i, '应为评价标识').meta({ title: '评价' }) }),
  },
  transitions: {
    verifying: {
      callback: {
        label: '回访核实', to: 'rectifying', roles: ['handler', 'dispatcher'], public: true, clocks: [{ stop: 'verify' }],
        input: z.object({
          contacted: z.boolean().meta({ title: '已联系上评价人' }),
          method: z.enum(['电话', '上门', '短信'], '请选择回访方式').meta({ title: '回访方式' }),
          findings: z.string().trim().min(4, '请记录核实情况（至少 4 个字）').max(2000).meta({ title: '核实情况' }),
        }),
      },
    },
    rectifying: {
      rectify: {
        label: '整改并反馈评价人', to: 'rectified', roles: ['handler'], public: true, clocks: [{ stop: 'rectify' }],
        input: z.object({
          measures: z.string().trim().min(4, '请写明整改措施（至少 4 个字）').max(3000).meta({ title: '整改措施' }),
          feedback: z.string().trim().min(4, '请写明反馈给评价人的内容').max(2000).meta({ title: '反馈评价人' }),
        }),
      },
      appeal: {
        label: '提出申诉复核', to: 'appealing', roles: ['handler'], public: false, clocks: [{ pause: 'rectify', reason: '申诉复核期间' }],
        alert: { to: 'owner', role: 'supervisor', title: '差评申诉待复核' },
        input: z.object({
          grounds: z.enum(['误评', '恶意差评', '诉求缺乏法定依据'], '请选择申诉理由').meta({ title: '申诉理由' }),
          explanation: z.string().trim().min(10, '请说明申诉依据（至少 10 个字）').max(3000).meta({ title: '申诉说明' }),
        }),
      },
    },
    appealing: {
      uphold: {
        label: '申诉成立（剔除该评价）', to: 'excluded', roles: ['supervisor'], public: false, clocks: [{ stop: 'rectify' }],
        confirm: '申诉成立后该评价不再计入好差评统计（记录保留）。',
        input: z.object({ reason: z.string().trim().min(4, '请写明复核意见').max(2000).meta({ title: '复核意见' }) }),
      },
      dismiss: {
        label: '申诉不成立（继续整改）', to: 'rectifying', roles: ['supervisor'], public: false, clocks: [{ resume: 'rectify' }],
        input: z.object({ reason: z.string().trim().min(4, '请写明复核意见').max(2000).meta({ title: '复核意见' }) }),
      },
    },
  },
  // The rating and what was done about it; the rating's id, level code and progress flag stay internal.
  facts: [
    { key: 'ratedCase', label: '被评价的办件' }, { key: 'itemName', label: '事项' }, { key: 'levelLabel', label: '评价等级' }, { key: 'channel', label: '评价渠道' },
    { key: 'realName', label: '实名评价', kind: 'boolean' }, { key: 'comment', label: '评价意见', kind: 'longText' },
    { key: 'contacted' }, { key: 'callbackMethod', label: '回访方式' }, { key: 'findings' },
    { key: 'measures' }, { key: 'feedback' },
    { key: 'appealGrounds', label: '申诉理由' }, { key: 'appealExplanation', label: '申诉说明', kind: 'longText' },
    { key: 'appealDecision', label: '复核结论' }, { key: 'appealReason', label: '复核意见', kind: 'longText' },
  ],
});

export const LEVEL_LABEL: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
export const CHANNEL_LABEL = { window: '窗口评价器', online: '网上', sms: '短信/二维码', hotline: '12345' } as const;
