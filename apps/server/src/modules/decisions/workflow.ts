import { z } from 'zod';
import { defineWorkflow, zId, type ClockRule } from '@yifa/contracts';
import { zDate } from '../../platform/http/validation.ts';

/**
 * 重大行政决策 under 《重大行政决策程序暂行条例》(国务院令第713号, in force 2019-09-01): the annual 决策事项目录
 * (decision_catalog, Art. 3 ¶3, Art. 42) and the decision (major_decision) from 启动 to 后评估 and 调整. Each step is an
 * action; the gates the 条例 sets are in case-type.ts, each citing its article.
 */
export const CATALOG_TYPE = 'decision_catalog';
export const DECISION_TYPE = 'major_decision';
export const ORDER = '《重大行政决策程序暂行条例》';

/** Clocks as rules with their basis: both floors are national (Art. 15, Art. 17). */
export const DECISION_RULES: ClockRule[] = [
  {
    key: 'decision.comment.min', label: '重大行政决策向社会公开征求意见最短期限', unit: 'days', length: 30, yellowWithin: 0, sourced: true, configurable: false,
    effectiveFrom: '2019-09-01', basis: `${ORDER}第十五条第二款：公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明`,
  },
  {
    key: 'decision.hearing.materials', label: '听证材料送达听证参加人最短提前期', unit: 'days', length: 7, yellowWithin: 0, sourced: true, configurable: false,
    effectiveFrom: '2019-09-01', basis: `${ORDER}第十七条：听证会材料应当于召开听证会7日前送达听证参加人`,
  },
];

/** Art. 3 ¶1 (the five kinds of 决策事项) and ¶2 (excluded: they are not 重大行政决策 under this 条例). */
export const SCOPES = [
  '重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）', '经济和社会发展等方面的重要规划', '开发利用、保护重要自然资源和文化资源的重大公共政策和措施',
  '重大公共建设项目', '其他对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的重大事项',
] as const;
export const EXCLUDED = ['财政政策、货币政策等宏观调控决策', '政府立法决策', '突发事件应急处置决策'] as const;
export const PARTICIPATION_METHODS = ['座谈会', '实地走访', '书面征求意见', '问卷调查', '民意调查'] as const;
export const RISK_RESULTS = ['风险可控', '风险基本可控', '风险不可控'] as const;
export const MEETINGS = ['政府常务会议', '政府全体会议', '部门领导班子会议', '乡镇党委政府联席会议'] as const;
export const VIEWS = ['同意', '不同意', '保留意见'] as const;
export const HEAD_DECISIONS = ['通过', '不予通过', '修改后再次讨论'] as const;
export const POST_EVAL_REASONS = ['实施后明显未达到预期效果', '公民、法人或者其他组织提出较多意见', '决策机关认为有必要'] as const;

const zUuid = zId('请选择');
const text = (min: number, what: string, max = 5000) => z.string().trim().min(min, `请填写${what}（至少 ${min} 个字）`).max(max, `${what}最多 ${max} 个字`);
const zName = (what: string) => z.string().trim().min(2, `请填写${what}`).max(40, `${what}最多 40 个字`);

export const zCatalogItem = z.object({
  title: text(4, '决策事项名称', 200).meta({ title: '决策事项' }),
  scope: z.enum(SCOPES, '请选择决策事项类别（第三条第一款）').meta({ title: '事项类别（第三条）' }),
  standard: text(4, '纳入目录的标准', 1000).meta({ title: '标准' }),
  leadOrgId: zUuid.meta({ title: '承办单位' }),
  plannedQuarter: z.enum(['第一季度', '第二季度', '第三季度', '第四季度'], '请选择计划时间').optional().meta({ title: '计划完成时间' }),
});
const zConsent = {
  partyBody: text(2, '同级党委', 100).meta({ title: '同意的党委（同级党委）' }),
  consentedOn: zDate.meta({ title: '党委同意日期' }),
  consentRef: text(2, '同意文件或会议', 200).meta({ title: '同意的文件或会议纪要' }),
};

export type CatalogState = 'drafting' | 'consented' | 'published';
export const catalogWorkflow = defineWorkflow<CatalogState>({
  type: CATALOG_TYPE, label: '重大行政决策事项目录', prefix: 'JCML', initial: 'drafting', internal: true,
  states: { drafting: { label: '编制中' }, consented: { label: '党委已同意' }, published: { label: '已公布' } },
  create: {
    label: '编制年度决策事项目录', roles: ['handler'],
    input: z.object({
      year: z.number('请填写年度').int('年度应为整数').min(2019, '条例2019年9月1日起施行').max(2100, '年度有误').meta({ title: '年度' }),
      ownerOrgId: zUuid.meta({ title: '决策机关（县政府、部门或乡镇，第四十二条）' }),
      items: z.array(zCatalogItem).min(1, '目录至少列一项决策事项').max(100, '最多 100 项').meta({ title: '决策事项' }),
    }),
  },
  transitions: {
    drafting: {
      record_consent: { label: '记录同级党委同意', to: 'consented', roles: ['handler'], public: true, input: z.object(zConsent) },
    },
    consented: {
      publish: { label: '公布目录', to: 'published', roles: ['handler'], public: true, input: z.object({ note: z.string().trim().max(500).optional().meta({ title: '说明' }) }) },
    },
    published: {
      add_item: {
        label: '年度中增补事项（经党委同意后公布）', to: 'published', roles: ['handler'], public: true,
        input: z.object({ item: zCatalogItem.meta({ title: '增补的决策事项' }), ...zConsent }),
      },
    },
  },
  facts: [{ key: 'year', label: '年度' }, { key: 'ownerOrgId', label: '决策机关' }, { key: 'consent.consentedOn', label: '党委同意日期', kind: 'date' },
    { key: 'publishedOn', label: '公布日期', kind: 'date' }],
});

const zView = z.object({
  name: zName('发言人').meta({ title: '发言人' }), post: z.string().trim().max(40).optional().meta({ title: '职务' }),
  view: z.enum(VIEWS, '请选择意见').meta({ title: '意见' }), remarks: z.string().trim().max(2000).optional().meta({ title: '发言要点' }),
});

export type DecisionState = 'drafting' | 'procedures' | 'reviewing' | 'decided' | 'reported' | 'executing' | 'suspended' | 'stopped' | 'rejected';
const adjust = { label: '一般调整', to: 'executing' as DecisionState, roles: ['handler'], public: true,
  input: z.object({ reason: text(4, '调整理由', 2000).meta({ title: '调整理由' }) }) };
/** 重大调整: the decision goes back to 草案拟订 and re-runs the procedures (Art. 37). */
const majorAdjust = { label: '重大调整（重新履行决策程序）', to: 'drafting' as DecisionState, roles: ['handler'], public: true, danger: true,
  confirm: '重大调整应当重新履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序（第三十七条）。',
  input: z.object({ reason: text(4, '调整理由', 2000).meta({ title: '调整理由' }) }) };
const stop = { label: '停止执行', to: 'stopped' as DecisionState, roles: ['handler'], public: true, danger: true,
  input: z.object({ reason: text(4, '停止执行理由', 2000).meta({ title: '停止执行理由（第三十七条）' }) }) };

export const decisionWorkflow = defineWorkflow<DecisionState>({
  type: DECISION_TYPE, label: '重大行政决策', prefix: 'ZDJC', initial: 'drafting', internal: true,
  states: {
    drafting: { label: '草案拟订中' }, procedures: { label: '履行决策程序' }, reviewing: { label: '合法性审查中' }, decided: { label: '已集体讨论决定' },
    reported: { label: '已向党委请示报告' }, executing: { label: '已公布、执行中' }, suspended: { label: '中止执行' },
    stopped: { label: '停止执行', terminal: true }, rejected: { label: '未予通过', terminal: true },
  },
  create: {
    label: '决策启动', roles: ['handler'],
    input: z.object({
      title: text(4, '决策事项名称', 200).meta({ title: '决策事项' }),
      catalogId: zUuid.optional().meta({ title: '所列的决策事项目录' }),
      itemNo: z.number().int().min(1).max(200).optional().meta({ title: '目录中的事项序号' }),
      urgencyReason: z.string().trim().max(1000).optional().meta({ title: '未列入目录的紧急理由' }),
      scope: z.enum([...SCOPES, ...EXCLUDED], '请选择决策事项类别').meta({ title: '事项类别（第三条）' }),
      leadOrgId: zUuid.meta({ title: '承办单位' }),
      needsExpert: z.boolean().default(false).meta({ title: '专业性、技术性较强，需专家论证（第十九条）' }),
      needsRisk: z.boolean().default(false).meta({ title: '可能对社会稳定、公共安全等造成不利影响，需风险评估（第二十二条）' }),
      nonPublicReason: z.string().trim().max(1000).optional().meta({ title: '依法不予公开的理由（不公开征求意见时必填，第十四条）' }),
    }),
  },
  transitions: {
    drafting: {
      finish_draft: {
        label: '形成决策草案', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({
          draft: text(20, '决策草案', 100000).meta({ title: '决策草案' }),
          explanation: text(10, '起草说明', 20000).meta({ title: '起草说明' }),
          bases: z.array(z.string().trim().min(2).max(200)).min(1, '请至少列出一项决策依据').max(50).meta({ title: '决策依据' }),
        }),
      },
    },
    procedures: {
      open_comment: {
        label: '向社会公开征求意见', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({
          startOn: zDate.meta({ title: '开始日期' }), endOn: zDate.meta({ title: '截止日期' }),
          shortReason: z.string().trim().max(1000).optional().meta({ title: '少于30日的理由（第十五条）' }),
        }),
      },
      close_comment: {
        label: '结束征求意见并公布采纳情况', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({ adoption: text(10, '采纳情况', 10000).meta({ title: '意见采纳情况（公开）' }) }),
      },
      record_participation: {
        label: '记录其他公众参与方式', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({ method: z.enum(PARTICIPATION_METHODS, '请选择方式').meta({ title: '方式（第十四条）' }), heldOn: zDate.meta({ title: '日期' }),
          summary: text(10, '情况及意见', 5000).meta({ title: '参与情况及意见' }) }),
      },
      schedule_hearing: {
        label: '安排听证会', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({
          hearingOn: zDate.meta({ title: '听证会日期' }),
          participants: z.array(zName('听证参加人')).min(1, '请列出听证参加人').max(200).meta({ title: '听证参加人名单（提前公布）' }),
          listPublishedOn: zDate.meta({ title: '名单公布日期' }),
          materialsSentOn: zDate.meta({ title: '材料送达日期（至少提前7日，第十七条）' }),
        }),
      },
      record_hearing: {
        label: '记录听证会', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({ minutes: text(10, '听证笔录', 20000).meta({ title: '听证笔录（陈述、询问、质证、辩论）' }),
          signed: z.literal(true, '听证笔录应当经参加人确认并签字').meta({ title: '参加人已确认记录并签字' }) }),
      },
      expert_opinion: {
        label: '记录专家论证意见', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({
          advisorId: zUuid.meta({ title: '专家（专家库）' }),
          declaration: z.enum(['无利益冲突', '存在利益冲突'], '请选择利益冲突声明').meta({ title: '利益冲突声明（第二十条）' }),
          opinion: text(10, '论证意见', 10000).meta({ title: '书面论证意见' }),
          signed: z.literal(true, '论证意见应当署名、盖章').meta({ title: '已署名、盖章（第二十一条）' }),
        }),
      },
      risk_assessment: {
        label: '记录风险评估', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({
          assessor: zName('评估人'), assessorOrg: text(2, '评估单位', 100).meta({ title: '评估单位（可委托第三方）' }),
          riskPoints: text(4, '风险点', 5000).meta({ title: '风险点' }), measures: text(4, '防范措施', 5000).meta({ title: '风险防范措施' }),
          plan: text(4, '处置预案', 5000).meta({ title: '处置预案' }), result: z.enum(RISK_RESULTS, '请选择评估结论').meta({ title: '评估结论' }),
        }),
      },
      adjust_draft: {
        label: '调整决策草案', to: 'procedures', roles: ['handler'], public: true,
        input: z.object({ draft: text(20, '调整后的草案', 100000).meta({ title: '调整后的决策草案' }), changes: text(4, '调整情况', 5000).meta({ title: '调整情况' }) }),
      },
      submit_review: { label: '送合法性审查', to: 'reviewing', roles: ['handler'], public: true,
        input: z.object({ procedureNote: text(4, '履行程序的说明', 5000).meta({ title: '履行决策程序的说明（第二十六条）' }) }) },
    },
    reviewing: {
      resubmit_review: { label: '修改后重新送审', to: 'reviewing', roles: ['handler'], public: true, input: z.object({ procedureNote: text(4, '修改情况', 5000).meta({ title: '修改情况' }) }) },
      decide: {
        label: '集体讨论决定', to: 'decided', roles: ['handler'], public: true,
        input: z.object({
          meeting: z.enum(MEETINGS, '请选择会议').meta({ title: '会议（第三十条）' }), session: text(2, '会议届次', 100).meta({ title: '会议届次' }),
          meetingOn: zDate.meta({ title: '会议日期' }), attendees: z.array(zName('出席人')).min(2, '请列出出席人员').max(100).meta({ title: '出席人员' }),
          views: z.array(zView).min(1, '请记录与会人员的意见').max(100).meta({ title: '与会人员意见（含不同意见）' }),
          head: zName('行政首长').meta({ title: '行政首长' }),
          headDecision: z.enum(HEAD_DECISIONS, '请选择行政首长的决定').meta({ title: '行政首长的决定（最后发表意见）' }),
          headReason: z.string().trim().max(2000).optional().meta({ title: '与多数人意见不一致的理由' }),
        }),
      },
    },
    decided: {
      report_party: { label: '向同级党委请示报告', to: 'reported', roles: ['handler'], public: true,
        input: z.object({ partyBody: text(2, '党委', 100).meta({ title: '党委' }), reportedOn: zDate.meta({ title: '请示报告日期' }),
          reply: text(2, '党委意见', 2000).meta({ title: '党委意见' }) }) },
    },
    reported: {
      publish: {
        label: '公布决策', to: 'executing', roles: ['handler'], public: true,
        input: z.object({ docNo: z.string().trim().regex(/^.+〔\d{4}〕[1-9]\d*号$/, '文号格式应如：示政发〔2026〕3号').meta({ title: '文号' }),
          adoptionExplanation: text(10, '公众意见、专家意见采纳情况说明', 10000).meta({ title: '公众意见、专家论证意见采纳情况说明（第三十二条）' }) }),
      },
    },
    executing: {
      execution_report: { label: '报告执行情况', to: 'executing', roles: ['handler'], public: true,
        input: z.object({ reportedOn: zDate.meta({ title: '报告日期' }), summary: text(10, '执行情况', 10000).meta({ title: '执行情况（第三十四条）' }) }) },
      post_evaluate: {
        label: '决策后评估', to: 'executing', roles: ['handler'], public: true,
        input: z.object({ reason: z.enum(POST_EVAL_REASONS, '请选择开展后评估的情形').meta({ title: '情形（第三十五条）' }),
          assessor: zName('评估人'), assessorOrg: text(2, '评估单位', 100).meta({ title: '评估单位' }), findings: text(10, '评估结论', 10000).meta({ title: '后评估报告结论' }) }),
      },
      adjust,
      major_adjust: majorAdjust,
      suspend: { label: '中止执行', to: 'suspended', roles: ['handler'], public: true, input: z.object({ reason: text(4, '中止理由', 2000).meta({ title: '中止执行理由（第三十七条）' }) }) },
      stop,
    },
    suspended: {
      resume: { label: '恢复执行', to: 'executing', roles: ['handler'], public: true, input: z.object({ reason: text(4, '恢复理由', 2000).meta({ title: '恢复理由' }) }) },
      stop,
    },
  },
  facts: [
    { key: 'catalogItem', label: '目录事项' }, { key: 'leadOrgId', label: '承办单位' }, { key: 'scope' }, { key: 'needsExpert' }, { key: 'needsRisk' },
    { key: 'comment.endOn', label: '征求意见截止', kind: 'date' }, { key: 'reviewConclusion', label: '合法性审查结论' }, { key: 'docNo', label: '文号' },
  ],
});
