import { z } from 'zod';
import { defineWorkflow, type ActionDef, type AttachmentRule, type ClockEffect, type ClockRule, type Role, zId } from '@yifa/contracts';

/**
 * 12345 政务服务便民热线 and 书记县长信箱 (接诉即办). No national deadline exists (DOMAIN.md §2.5): every
 * number below is a local model (潍坊 Art. 20, 济南 Art. 24, 安阳 Art. 50) and therefore `sourced:
 * false` and configurable per county (table rule_overrides).
 */
const LOCAL = '无全国统一时限（国办函〔2025〕66号：科学确定办理时限）';
export const HOTLINE_RULES: ClockRule[] = [
  {
    key: 'hotline.citizen', label: '诉求办理时限（诉求人）', unit: 'workdays', length: 5, yellowWithin: 1, maxExtension: 5, sourced: false, configurable: true,
    basis: `${LOCAL}；地方范例：《潍坊市12345政务服务便民热线条例》第二十条、《济南市12345市民服务热线条例》第二十四条、《安阳市政务服务条例》第五十条（5个工作日，经批准可延长5个工作日）`,
    effectiveFrom: '2021-01-06',
  },
  {
    key: 'hotline.citizen.complex', label: '诉求办理时限（复杂事项）', unit: 'workdays', length: 15, yellowWithin: 3, maxExtension: 5, sourced: false, configurable: true,
    basis: `${LOCAL}；法律、法规规定更长期限的从其规定（潍坊 第二十条）；派单目录中标为复杂事项的默认15个工作日`,
    effectiveFrom: '2021-01-06',
  },
  {
    key: 'hotline.citizen.sameday', label: '诉求办理时限（紧急事项）', unit: 'hours', length: 24, yellowWithin: 4, sourced: false, configurable: true,
    basis: `${LOCAL}；地方部门范例：应急类当日办结`, effectiveFrom: '2021-01-06',
  },
  {
    key: 'hotline.dispatch.urgent', label: '派单时限（特急）', unit: 'hours', length: 1, yellowWithin: 0, sourced: false, configurable: true,
    basis: `${LOCAL}；《北京市接诉即办工作条例》第十一条"即时派单"；本平台默认1小时`, effectiveFrom: '2021-01-06',
  },
  {
    key: 'hotline.dispatch.high', label: '派单时限（紧急）', unit: 'hours', length: 2, yellowWithin: 1, sourced: false, configurable: true,
    basis: `${LOCAL}；《北京市接诉即办工作条例》第十一条"即时派单"；本平台默认2小时`, effectiveFrom: '2021-01-06',
  },
  {
    key: 'hotline.dispatch.normal', label: '派单时限（一般）', unit: 'hours', length: 24, yellowWithin: 4, sourced: false, configurable: true,
    basis: `${LOCAL}；《北京市接诉即办工作条例》第十一条"即时派单"；本平台默认24小时`, effectiveFrom: '2021-01-06',
  },
  {
    key: 'hotline.sign', label: '签收/退单时限（承办单位）', unit: 'hours', length: 24, yellowWithin: 4, sourced: false, configurable: true,
    basis: '《安阳市政务服务条例》第五十条：不属于本单位职责的工单应当在24小时内退回并说明理由（地方范例）', effectiveFrom: '2021-10-25',
  },
];

/** Rules a 派单目录 leaf may name as its citizen-clock limit. */
export const LIMIT_RULES = ['hotline.citizen', 'hotline.citizen.complex', 'hotline.citizen.sameday'] as const;

/** Roles a county may name as the 延期 approver (hotline_settings.extension_approver). */
export const APPROVER_ROLES = ['leader', 'supervisor', 'dispatcher'] as const satisfies readonly Role[];

/**
 * Local defaults of the county settings that are not deadlines. The values in force are per-region
 * rows of hotline_settings (admin: GET/PUT /api/v1/hotline/settings, settings.ts); these apply
 * while a county has saved none (documented in docs/WORKFLOWS.md with their sources).
 */
export const HOTLINE_DEFAULTS = {
  /** 重办 allowed per ticket after a negative 回访 (济南 Art. 27: 重办/退回再办). */
  maxRedo: 1,
  /** 并单: look for similar text in the same township within this many days. */
  duplicateDays: 30,
  /** Who approves a 延期 (安阳 Art. 50: 承办单位负责人). */
  extensionApprover: 'leader' as (typeof APPROVER_ROLES)[number],
};
export type HotlineSettings = typeof HOTLINE_DEFAULTS;

/**
 * Photos and documents a citizen may send with a 网上诉求 (portal) — no legal source fixes them,
 * so they are this platform's defaults (unsourced, configurable here per deployment).
 */
export const HOTLINE_PUBLIC_ATTACHMENTS: AttachmentRule = {
  maxFiles: 5, maxBytes: 10 * 1024 * 1024, mimes: ['image/jpeg', 'image/png', 'application/pdf'],
  basis: '无全国统一规定：本平台默认值，可由本县配置',
};
/** Open311 `media` (FixMyStreet extension): one photo, the hotline's size limit. */
export const OPEN311_MEDIA: AttachmentRule = { ...HOTLINE_PUBLIC_ATTACHMENTS, maxFiles: 1, mimes: ['image/jpeg', 'image/png'] };

/** 终止办理 (潍坊 Art. 21): structured grounds. */
export const TERMINATE_REASONS = ['诉求人撤回诉求', '诉求人无法联系且无法办理', '属于诉讼仲裁复议等法定途径', '重复恶意诉求', '诉求不属于热线受理范围', '其他'] as const;

export const TICKET_TYPES = ['咨询', '求助', '投诉', '举报', '建议'] as const;
export const CHANNELS = ['phone', 'web', 'mailbox', 'open311', 'import'] as const;
export const CHANNEL_ZH: Record<(typeof CHANNELS)[number], string> = { phone: '电话', web: '网站', mailbox: '书记县长信箱', open311: 'Open311 接口', import: '历史导入' };
export const URGENCIES = ['normal', 'high', 'urgent'] as const;
export const URGENCY_ZH: Record<(typeof URGENCIES)[number], string> = { normal: '一般', high: '紧急', urgent: '特急' };
export const RETURN_REASONS = ['不属于本单位职责', '职责交叉需协调', '诉求信息不全无法办理', '属于诉讼仲裁复议等法定途径', '其他'] as const;
export const SATISFACTION = ['满意', '基本满意', '不满意'] as const;

const zUuid = zId('请选择机构');

export const intakeInput = z.object({
  channel: z.enum(CHANNELS, '请选择受理渠道').default('phone').meta({ title: '受理渠道', 'x-enumLabels': CHANNEL_ZH }),
  ticketType: z.enum(TICKET_TYPES, '请选择诉求类型').meta({ title: '诉求类型' }),
  categoryCode: z.string().trim().min(1, '请选择派单目录事项').max(40).meta({ title: '事项分类（派单目录）' }),
  urgency: z.enum(URGENCIES, '请选择紧急程度').default('normal').meta({ title: '紧急程度', 'x-enumLabels': URGENCY_ZH }),
  title: z.string().trim().min(2, '请填写诉求标题').max(100, '最多 100 个字').optional().meta({ title: '标题' }),
  description: z.string().trim().min(5, '请描述诉求（至少 5 个字）').max(4000, '最多 4000 个字').meta({ title: '诉求内容' }),
  address: z.string().trim().max(200, '最多 200 个字').optional().meta({ title: '地址' }),
  townshipId: zUuid.optional().meta({ title: '乡镇（街道）' }),
  lat: z.number().min(-90, '纬度应在 -90 至 90 之间').max(90, '纬度应在 -90 至 90 之间').optional().meta({ title: '纬度' }),
  long: z.number().min(-180, '经度应在 -180 至 180 之间').max(180, '经度应在 -180 至 180 之间').optional().meta({ title: '经度' }),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).default({}).meta({ title: '事项要素' }),
  anonymous: z.boolean().default(false).meta({ title: '匿名' }),
  confidential: z.boolean().default(false).meta({ title: '要求保密（举报人身份仅承办链条内可见）' }),
  /** Personal data: the engine keeps it out of the event log, encrypts and masks it. */
  parties: z.object({
    name: z.string().trim().max(50, '最多 50 个字').optional().meta({ title: '诉求人姓名' }),
    phone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写有效的手机或固定电话号码').optional().meta({ title: '联系电话' }),
  }).default({}).meta({ title: '诉求人' }),
  mediaUrl: z.string().url('请填写有效的网址').max(500).optional().meta({ title: '图片/附件链接' }),
}).superRefine((v, c) => {
  if (!v.anonymous && !v.parties.phone) c.addIssue({ code: 'custom', path: ['parties', 'phone'], message: '非匿名诉求请留联系电话，便于答复和回访' });
  if ((v.lat === undefined) !== (v.long === undefined)) c.addIssue({ code: 'custom', path: [v.lat === undefined ? 'lat' : 'long'], message: '经纬度须同时填写' });
});

const note = (title: string, min = 2) => z.string().trim().min(min, `请填写${title}`).max(2000, '最多 2000 个字').meta({ title });

/**
 * The clocks of a 工单 are declared on its actions below. The citizen and unit clocks run under the 派单目录 leaf's limit
 * (`data.limitRule`: hotline.citizen or its variants .complex / .sameday), the dispatch clock under the urgency
 * (`data.urgency`: hotline.dispatch.normal / .high / .urgent) — both picked by `ruleField`, never outside those rules. A 重办
 * runs the leaf's limit again in the `redo` clock, one round per 重办 (`rounds`). Stops, restarts and extensions are
 * `ifRunning`: in a 重办 round the first-round clocks have stopped already, and a unit that signed before its 退单 has no
 * sign clock running. 终止办理 stops whatever still runs (`stopAll`).
 */
const LEAF_LIMIT = { rule: 'hotline.citizen', ruleField: 'limitRule' } as const;
const stop = (...keys: string[]): ClockEffect[] => keys.map((k) => ({ stop: k, ifRunning: true }));
const extend = (...keys: string[]): ClockEffect[] => keys.map((k) => ({ extend: k, amountField: 'days', reasonField: 'reason', ifRunning: true }));

const supervise: ActionDef<HotlineState> = {
  label: '督办', to: 'registered', roles: ['supervisor', 'leader'], public: false, alert: { to: 'lead', title: '督办' },
  input: z.object({ reason: note('督办理由'), level: z.enum(['督办', '挂牌督办'], '请选择督办级别').default('督办').meta({ title: '督办级别' }) }),
};
type HotlineState = 'registered' | 'dispatched' | 'returned' | 'handling' | 'extension_requested' | 'replied' | 'callback_pending' | 'called_back' | 'merged' | 'closed' | 'terminated';
const sup = (s: HotlineState) => ({ supervise: { ...supervise, to: s }, terminate });

/** 退单: before 签收, or after it while the unit has not replied and within 24 h of dispatch (ticket.ts). */
const returnAction: ActionDef<HotlineState> = {
  label: '退单', to: 'returned', roles: ['handler'], public: false, alert: { to: 'owner', title: '退单待审核' },
  input: z.object({
    reasonCode: z.enum(RETURN_REASONS, '请选择退单理由').meta({ title: '退单理由' }),
    note: note('退单说明', 5),
    suggestedOrgId: zUuid.optional().meta({ title: '建议承办单位' }),
  }),
};

/** 终止办理 (潍坊 Art. 21, DOMAIN.md §2.6): ends the ticket, stops every running clock. */
const terminate: ActionDef<HotlineState> = {
  label: '终止办理', to: 'terminated', roles: ['dispatcher', 'supervisor'], public: true, danger: true, clocks: [{ stopAll: true }], notify: 'closing',
  answer: { outcome: { field: 'reasonCode' } },
  input: z.object({
    reasonCode: z.enum(TERMINATE_REASONS, '请选择终止理由').meta({ title: '终止理由' }),
    note: note('终止说明', 5),
  }),
};

export const hotlineWorkflow = defineWorkflow<HotlineState>({
  type: 'hotline_ticket',
  label: '12345热线工单',
  prefix: 'RX',
  initial: 'registered',
  states: {
    registered: { label: '已受理待派单' },
    dispatched: { label: '已派单待签收' },
    returned: { label: '退单待审核' },
    handling: { label: '办理中' },
    extension_requested: { label: '延期审批中' },
    replied: { label: '已答复待反馈' },
    callback_pending: { label: '待回访' },
    called_back: { label: '已回访' },
    merged: { label: '已并单' },
    closed: { label: '已办结', terminal: true },
    terminated: { label: '已终止办理', terminal: true },
  },
  create: {
    label: '受理诉求', roles: ['dispatcher'], input: intakeInput, public: true, publicAttachments: HOTLINE_PUBLIC_ATTACHMENTS,
    clocks: [{ start: 'citizen', ...LEAF_LIMIT, note: '受理' }, { start: 'dispatch', rule: 'hotline.dispatch', ruleField: 'urgency', note: '受理' }],
    notify: 'receipt',
  },
  transitions: {
    registered: {
      instant_answer: {
        label: '即时答复', to: 'closed', roles: ['dispatcher'], public: true, clocks: stop('citizen', 'dispatch'),
        notify: 'answer', answer: { outcome: '即时答复', text: 'answer' },
        input: z.object({ answer: note('答复内容', 5), kbId: zUuid.optional().meta({ title: '引用的知识库条目' }) }),
      },
      dispatch: {
        label: '派单', to: 'dispatched', roles: ['dispatcher'], public: true, alert: { to: 'lead', title: '新派工单待签收' },
        clocks: [...stop('dispatch'), { start: 'sign', rule: 'hotline.sign', note: '派单' }, { start: 'unit', ...LEAF_LIMIT, label: '承办单位办理时限（自派单起，期限同诉求办理时限）', note: '派单' }],
        input: z.object({
          leadOrgId: zUuid.meta({ title: '主办单位' }),
          assistOrgIds: z.array(zUuid).max(5, '协办单位最多 5 个').default([]).meta({ title: '协办单位' }),
          note: z.string().trim().max(1000).optional().meta({ title: '派单意见' }),
        }),
      },
      merge: {
        label: '并单', to: 'merged', roles: ['dispatcher'], public: true, clocks: stop('citizen', 'dispatch'),
        input: z.object({ masterNumber: z.string().trim().min(3, '请填写主工单编号').max(40).meta({ title: '主工单编号' }) }),
      },
      ...sup('registered'),
    },
    dispatched: {
      sign: { label: '签收', to: 'handling', roles: ['handler'], public: true, clocks: stop('sign') },
      return: returnAction,
      ...sup('dispatched'),
    },
    returned: {
      redispatch: {
        label: '改派', to: 'dispatched', roles: ['dispatcher'], public: true, alert: { to: 'lead', title: '新派工单待签收' },
        clocks: [{ restart: 'sign', reason: '改派', ifRunning: true }, { restart: 'unit', reason: '改派至新的承办单位', ifRunning: true }],
        input: z.object({ leadOrgId: zUuid.meta({ title: '新的主办单位' }), assistOrgIds: z.array(zUuid).max(5).default([]).meta({ title: '协办单位' }), ruling: note('审核意见') }),
      },
      reject_return: {
        label: '驳回退单', to: 'dispatched', roles: ['dispatcher'], public: false, alert: { to: 'lead', title: '退单被驳回，请签收' },
        input: z.object({ ruling: note('驳回理由（职责依据）', 5) }),
      },
      ...sup('returned'),
    },
    handling: {
      request_extension: {
        label: '申请延期', to: 'extension_requested', roles: ['handler'], public: false, alert: { to: 'owner', title: '延期申请待审批' },
        input: z.object({ days: z.number().int('天数应为整数').min(1, '至少 1 个工作日').max(5, '最多 5 个工作日').meta({ title: '延期工作日数' }), reason: note('延期理由', 5) }),
      },
      return: returnAction,
      reply: {
        label: '答复诉求人', to: 'replied', roles: ['handler'], public: true, clocks: stop('citizen', 'unit', 'redo'),
        // the reply itself is for the citizen; 反馈热线, 派单意见 and 回访记录 stay internal
        notify: 'answer', answer: { outcome: { field: 'result' }, text: 'content' },
        input: z.object({
          result: z.enum(['已解决', '部分解决', '已解释说明', '未能解决'], '请选择办理结果').meta({ title: '办理结果' }),
          content: note('答复内容', 10),
          contactMethod: z.enum(['电话', '短信', '当面', '书面'], '请选择答复方式').meta({ title: '答复方式' }),
        }),
      },
      ...sup('handling'),
    },
    extension_requested: {
      approve_extension: {
        label: '批准延期', to: 'handling', roles: [...APPROVER_ROLES], public: true, clocks: extend('citizen', 'unit'), notify: 'extension',
        input: z.object({ days: z.number().int('天数应为整数').min(1, '至少 1 个工作日').max(5, '最多 5 个工作日').meta({ title: '批准延期工作日数' }), reason: note('批准意见') }),
      },
      reject_extension: { label: '不予延期', to: 'handling', roles: [...APPROVER_ROLES], public: false, input: z.object({ reason: note('理由') }) },
      ...sup('extension_requested'),
    },
    replied: {
      feedback: { label: '反馈热线', to: 'callback_pending', roles: ['handler'], public: true, input: z.object({ summary: note('办理情况', 5) }) },
      ...sup('replied'),
    },
    callback_pending: {
      callback: {
        label: '回访', to: 'called_back', roles: ['dispatcher'], public: true,
        input: z.object({
          reached: z.boolean().meta({ title: '回访成功（联系上诉求人）' }),
          satisfaction: z.enum(SATISFACTION, '请选择满意度').optional().meta({ title: '满意度' }),
          resolved: z.boolean().optional().meta({ title: '诉求是否解决' }),
          note: z.string().trim().max(1000).optional().meta({ title: '回访记录' }),
        }).superRefine((v, c) => {
          if (v.reached && !v.satisfaction) c.addIssue({ code: 'custom', path: ['satisfaction'], message: '回访成功时请选择满意度' });
          if (v.reached && v.resolved === undefined) c.addIssue({ code: 'custom', path: ['resolved'], message: '回访成功时请记录是否解决' });
        }),
      },
      ...sup('callback_pending'),
    },
    called_back: {
      redo: {
        label: '重办', to: 'handling', roles: ['dispatcher'], public: true, alert: { to: 'lead', title: '工单重办' }, input: z.object({ reason: note('重办理由', 5) }),
        clocks: [{ start: 'redo', ...LEAF_LIMIT, label: '重办时限（自重办起，期限同诉求办理时限）', rounds: true, note: '回访不满意或未解决，重办' }],
      },
      close: {
        label: '办结归档', to: 'closed', roles: ['dispatcher'], public: true, notify: 'closing',
        input: z.object({ note: z.string().trim().max(1000).optional().meta({ title: '办结说明（回访不满意但不重办时必填）' }) }),
      },
      ...sup('called_back'),
    },
    merged: {
      follow_master: {
        label: '随主单办结', to: 'closed', roles: [], system: true, public: true, notify: 'closing', input: z.object({ masterNumber: z.string().max(40) }),
      },
    },
  },
  // What a handler needs; the 派单目录 rule, suggestion and counters stay internal (the caller is a party, masked).
  facts: [
    { key: 'ticketType' }, { key: 'channel', labels: CHANNEL_ZH }, { key: 'urgency', labels: URGENCY_ZH }, { key: 'categoryName', label: '事项分类' },
    { key: 'townshipId', kind: 'org' }, { key: 'address' }, { key: 'confidential' }, { key: 'description' },
    { key: 'attributeFacts', label: '事项要素', kind: 'pairs' }, { key: 'mediaUrl', kind: 'text' },
    { key: 'leadOrgId' }, { key: 'assistOrgIds' }, { key: 'dispatchNote', label: '派单意见' },
    { key: 'lastReturn.reasonCode', label: '退单理由' }, { key: 'lastReturn.note', label: '退单说明' }, { key: 'lastRuling.text', label: '退单审核意见' },
    { key: 'lastSupervision.level', label: '督办级别' }, { key: 'lastSupervision.reason', label: '督办理由' },
    { key: 'answer', label: '即时答复内容', kind: 'longText' },
    { key: 'result' }, { key: 'contactMethod' }, { key: 'replyContent', label: '答复内容', kind: 'longText' }, { key: 'feedback', label: '办理情况', kind: 'longText' },
    { key: 'callback.satisfaction', label: '回访满意度' }, { key: 'callback.resolved', label: '回访：诉求是否解决', kind: 'boolean' },
    { key: 'redoReason', label: '重办理由' }, { key: 'masterNumber' }, { key: 'termination.reasonCode', label: '终止理由' }, { key: 'closeNote', label: '办结说明' },
  ],
});
export type { HotlineState };
