import { z } from 'zod';
import { defineWorkflow, zId, type ActionDef, type ClockRule } from '@yifa/contracts';
import { zDate } from '../../platform/http/validation.ts';

/**
 * 行政规范性文件 from 起草 to 废止 (国办发〔2018〕37号, 国办发〔2018〕115号, 优化营商环境条例 Art. 62–64): each step an
 * action with its documents; the gates the law sets are in guard.ts (each with its article).
 */
export const NORMATIVE_TYPE = 'normative_document';

/**
 * Rules: the comment floor is national; the 备案 window and the 纠错 period have no national number (DOMAIN.md §4.4:
 * unsourced) — configurable county rules defaulting to the local models DOMAIN.md names.
 */
export const NORMATIVE_RULES: ClockRule[] = [
  {
    key: 'normative.comment.market', label: '涉及市场主体的规范性文件公开征求意见最短期限', unit: 'days', length: 30, yellowWithin: 0, sourced: true,
    configurable: false, effectiveFrom: '2020-01-01',
    basis: '《优化营商环境条例》第六十二条：制定与市场主体生产经营活动密切相关的行政规范性文件……向社会公开征求意见的期限一般不少于30日',
  },
  {
    key: 'normative.filing', label: '规范性文件报送备案期限', unit: 'workdays', length: 3, yellowWithin: 1, sourced: false, configurable: true,
    effectiveFrom: '2018-05-16',
    basis: '未见全国规定，本县设定：默认参照某县规定"印发之日起3个工作日内报送备案"，自公布之日起算（国办发〔2018〕37号要求及时报送备案）',
  },
  {
    key: 'normative.filing.upper', label: '县政府规范性文件报送备案期限', unit: 'days', length: 30, yellowWithin: 5, sourced: false, configurable: true,
    effectiveFrom: '2018-05-16',
    basis: '未见全国规定，本县设定：默认参照《法规规章备案审查条例》第四条（规章公布之日起30日内报送备案），报上一级人民政府和本级人大常委会',
  },
  {
    key: 'normative.correction', label: '备案审查纠错期限', unit: 'days', length: 30, yellowWithin: 5, sourced: false, configurable: true,
    effectiveFrom: '2018-05-16',
    basis: '未见全国规定，本县设定（"有件必备、有备必审、有错必纠"：《法规规章备案审查条例》第三条）；默认30日内纠正并书面报告',
  },
];

export const COMMENT_SHORT_REASONS = ['因突发事件等紧急情况需要立即制定', '执行上级机关的紧急命令和决定', '依法需要保密'] as const;
export const FAIR_COMPETITION = ['不具有排除、限制竞争效果', '具有排除、限制竞争效果，已修改', '符合例外规定'] as const;
export const DELIBERATION_BODIES = ['政府常务会议', '部门领导班子会议', '乡镇党委政府联席会议'] as const;
export const CORRECTION_OUTCOMES = ['制定机关自行纠正', '责令改正', '撤销', '制定机关废止', '说明理由后维持'] as const;
export const TRIAL_KINDS = ['试行', '暂行'] as const;

const zUuid = zId('请选择');
const text = (min: number, what: string, max = 5000) => z.string().trim().min(min, `请填写${what}（至少 ${min} 个字）`).max(max, `${what}最多 ${max} 个字`);

export const zBasis = z.object({
  lawId: zUuid.optional().meta({ title: '法律法规目录条目' }),
  normativeId: zUuid.optional().meta({ title: '引用的规范性文件' }),
  lawTitle: z.string().trim().min(2, '请填写依据名称').max(200, '依据名称最多 200 个字').meta({ title: '依据名称' }),
  article: z.string().trim().max(100, '条款最多 100 个字').optional().meta({ title: '条款' }),
});

/**
 * The 备案 steps, offered once the document is 公布 (in force or not yet). These and 废止 / 宣布失效 stand open for the
 * document's whole life, so they are granted by permission with no `roles`: an in-force document does not sit in anyone's
 * workbench queue (its 备案 clock shows on the case, in the 登记簿 and in 备案及时率).
 */
const filingActions: Record<string, ActionDef<NormativeState>> = {
  file: {
    label: '报送备案', to: 'published', roles: [], permission: 'normative.act', public: true, clocks: [{ stop: 'filing', ifRunning: true }],
    input: z.object({
      filingNo: z.string().trim().max(60).optional().meta({ title: '备案报告文号' }),
      materials: text(4, '报送材料', 1000).meta({ title: '报送材料（备案报告、正式文本、起草说明、合法性审核意见等）' }),
    }),
  },
  filing_accept: {
    label: '备案审查：予以备案', to: 'published', roles: [], permission: 'normative.supervise', public: true,
    input: z.object({ opinion: text(4, '审查意见', 2000).meta({ title: '审查意见' }) }),
  },
  filing_correct: {
    label: '备案审查：发出纠错通知', to: 'published', roles: [], permission: 'normative.supervise', public: true,
    clocks: [{ start: 'correction', rule: 'normative.correction', rounds: true, note: '发出纠错通知' }],
    input: z.object({
      noticeNo: z.string().trim().regex(/^.+〔\d{4}〕[1-9]\d*号$/, '文号格式应如：示司纠〔2026〕1号').meta({ title: '纠错通知书文号' }),
      problems: text(10, '存在的问题', 3000).meta({ title: '存在的问题' }),
    }),
  },
  correction_outcome: {
    label: '记录纠错结果', to: 'published', roles: [], permission: 'normative.standing', public: true, clocks: [{ stop: 'correction' }],
    input: z.object({
      outcome: z.enum(CORRECTION_OUTCOMES, '请选择纠错结果').meta({ title: '纠错结果' }),
      note: text(4, '说明', 2000).meta({ title: '说明' }),
    }),
  },
};
/** The same 备案 steps in a state other than 已公布 (they keep the state). */
const filingIn = (state: NormativeState) => Object.fromEntries(Object.entries(filingActions).map(([k, a]) => [k, { ...a, to: state }]));

const repeal: ActionDef<NormativeState> = {
  label: '废止', to: 'repealed', roles: [], permission: 'normative.act', public: true, danger: true, confirm: '废止后文件不再有效，在规范性文件库中显示为已废止。',
  input: z.object({
    repealedOn: zDate.meta({ title: '废止日期' }),
    reason: text(4, '废止理由', 1000).meta({ title: '废止理由' }),
    decisionNo: z.string().trim().max(60).optional().meta({ title: '废止决定文号' }),
  }),
};
const expire: ActionDef<NormativeState> = {
  label: '宣布失效', to: 'expired', roles: [], permission: 'normative.standing', public: true, danger: true, confirm: '宣布失效后文件不再有效。',
  input: z.object({ expiredOn: zDate.meta({ title: '失效日期' }), reason: text(4, '失效理由', 1000).meta({ title: '失效理由' }) }),
};
/** A later version took effect (the new version's 公布): the platform marks this one 已修改. */
const superseded: ActionDef<NormativeState> = {
  label: '被新版本修改', to: 'amended', roles: [], system: true, public: true,
  input: z.object({ byId: zUuid, byRegNo: z.string(), on: zDate }),
};

export type NormativeState = 'drafting' | 'commenting' | 'commented' | 'reviewing' | 'deliberated' | 'registered' | 'issued' | 'published' | 'in_force'
  | 'amended' | 'repealed' | 'expired' | 'abandoned';

export const normativeWorkflow = defineWorkflow<NormativeState>({
  type: NORMATIVE_TYPE,
  label: '行政规范性文件',
  prefix: 'GF',
  initial: 'drafting',
  internal: true,
  states: {
    drafting: { label: '起草中' },
    commenting: { label: '征求意见中' },
    commented: { label: '征求意见已结束' },
    reviewing: { label: '合法性审核中' },
    deliberated: { label: '已集体审议' },
    registered: { label: '已统一登记' },
    issued: { label: '已印发' },
    published: { label: '已公布' },
    in_force: { label: '现行有效' },
    amended: { label: '已修改', terminal: true },
    repealed: { label: '已废止', terminal: true },
    expired: { label: '已失效', terminal: true },
    abandoned: { label: '已终止制定', terminal: true },
  },
  create: {
    label: '起草规范性文件',
    roles: ['handler'],
    input: z.object({
      title: z.string().trim().min(4, '请填写文件名称（至少 4 个字）').max(200, '最多 200 个字').meta({ title: '文件名称' }),
      issuerOrgId: zUuid.meta({ title: '制定机关（制定主体清单内）' }),
      docKind: z.string().trim().min(1, '请选择公文种类').max(20).meta({ title: '公文种类' }),
      category: z.string().trim().min(1, '请选择管理事项类别').max(40).meta({ title: '管理事项类别' }),
      trial: z.enum(TRIAL_KINDS, '请选择试行或暂行').optional().meta({ title: '试行 / 暂行' }),
      draft: text(20, '草案正文', 100000).meta({ title: '草案正文' }),
      explanation: text(10, '起草说明', 20000).meta({ title: '起草说明' }),
      bases: z.array(zBasis).min(1, '请至少列出一项制定依据').max(50, '最多 50 项').meta({ title: '制定依据' }),
      affectsMarket: z.boolean().default(false).meta({ title: '涉及市场主体生产经营活动（需公平竞争审查、征求意见不少于30日）' }),
      fairCompetition: z.object({
        conclusion: z.enum(FAIR_COMPETITION, '请选择公平竞争审查结论').meta({ title: '审查结论' }),
        reviewedOn: zDate.meta({ title: '审查日期' }),
        note: z.string().trim().max(2000).optional().meta({ title: '说明' }),
      }).optional().meta({ title: '公平竞争审查记录（涉及市场主体时必填）' }),
      amendsId: zUuid.optional().meta({ title: '修改的现行文件' }),
    }),
  },
  transitions: {
    drafting: {
      open_comment: {
        label: '公开征求意见', to: 'commenting', roles: ['handler'], public: true,
        input: z.object({
          startOn: zDate.meta({ title: '征求意见开始日期' }),
          endOn: zDate.meta({ title: '征求意见截止日期' }),
          shortReason: z.enum(COMMENT_SHORT_REASONS, '请选择理由').optional().meta({ title: '少于30日的理由（涉及市场主体时）' }),
          shortNote: z.string().trim().max(1000).optional().meta({ title: '理由说明' }),
        }),
      },
      submit_review: { label: '送合法性审核', to: 'reviewing', roles: ['handler'], public: true, input: z.object({ note: z.string().trim().max(1000).optional().meta({ title: '报送说明' }) }) },
      abandon: { label: '终止制定', to: 'abandoned', roles: ['handler'], danger: true, input: z.object({ reason: text(2, '终止理由', 500).meta({ title: '终止理由' }) }) },
    },
    commenting: {
      close_comment: {
        label: '结束征求意见并公布采纳情况', to: 'commented', roles: ['handler'], public: true,
        input: z.object({
          adoption: text(10, '意见采纳情况', 10000).meta({ title: '意见采纳情况（公开）' }),
        }),
      },
    },
    commented: {
      submit_review: { label: '送合法性审核', to: 'reviewing', roles: ['handler'], public: true, input: z.object({ note: z.string().trim().max(1000).optional().meta({ title: '报送说明' }) }) },
      abandon: { label: '终止制定', to: 'abandoned', roles: ['handler'], danger: true, input: z.object({ reason: text(2, '终止理由', 500).meta({ title: '终止理由' }) }) },
    },
    reviewing: {
      resubmit_review: { label: '修改后重新送审', to: 'reviewing', roles: ['handler'], public: true, input: z.object({ note: text(4, '修改情况', 2000).meta({ title: '修改情况' }) }) },
      deliberate: {
        label: '集体审议', to: 'deliberated', roles: ['handler'], public: true,
        input: z.object({
          body: z.enum(DELIBERATION_BODIES, '请选择审议会议').meta({ title: '审议会议' }),
          meetingOn: zDate.meta({ title: '会议日期' }),
          session: z.string().trim().min(2, '请填写会议届次').max(100).meta({ title: '会议届次（如 第12次常务会议）' }),
          minutes: text(10, '会议纪要', 10000).meta({ title: '会议纪要（审议情况和决定）' }),
          changesMade: z.string().trim().max(5000).optional().meta({ title: '按审核意见修改的情况（审核结论为修改后合法时必填）' }),
          finalText: z.string().trim().max(100000).optional().meta({ title: '审议通过的文本（有修改时）' }),
        }),
      },
      abandon: { label: '终止制定', to: 'abandoned', roles: ['handler'], danger: true, input: z.object({ reason: text(2, '终止理由', 500).meta({ title: '终止理由' }) }) },
    },
    deliberated: {
      register: { label: '统一登记', to: 'registered', roles: ['reviewer'], public: true, input: z.object({ note: z.string().trim().max(500).optional().meta({ title: '备注' }) }) },
    },
    registered: {
      issue: {
        label: '印发', to: 'issued', roles: ['handler'], public: true,
        input: z.object({
          docNo: z.string().trim().regex(/^.+〔\d{4}〕[1-9]\d*号$/, '发文字号格式应如：示市监规〔2026〕1号').meta({ title: '发文字号' }),
          effectiveOn: zDate.meta({ title: '施行日期' }),
          validUntil: zDate.optional().meta({ title: '有效期至（默认按本县设定的有效期）' }),
        }),
      },
    },
    issued: {
      publish: {
        label: '统一公布', to: 'published', roles: ['handler'], public: true,
        clocks: [{ start: 'filing', rule: 'normative.filing', ruleField: 'filingRule', note: '公布' }],
        input: z.object({ interpretation: z.string().trim().max(20000).optional().meta({ title: '政策解读' }) }),
      },
    },
    published: {
      take_effect: { label: '施行', to: 'in_force', roles: ['handler'], public: true },
      ...filingActions,
      repeal,
    },
    in_force: { ...filingIn('in_force'), repeal, expire, superseded },
  },
  facts: [
    { key: 'regNo', label: '统一登记号' }, { key: 'docNo', label: '发文字号' }, { key: 'issuerOrgId', label: '制定机关' }, { key: 'docKind' },
    { key: 'category' }, { key: 'trial' }, { key: 'affectsMarket' }, { key: 'versionNo', label: '版本' }, { key: 'effectiveOn', label: '施行日期' },
    { key: 'validUntil', label: '有效期至' }, { key: 'reviewConclusion', label: '合法性审核结论' },
    { key: 'comment.startOn', label: '征求意见开始', kind: 'date' }, { key: 'comment.endOn', label: '征求意见截止', kind: 'date' },
    { key: 'filing.status', label: '备案情况' },
  ],
});
