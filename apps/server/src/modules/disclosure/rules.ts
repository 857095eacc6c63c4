/**
 * 政务公开 as data: the leaves of table 三 of 国办公开办函〔2021〕30号, the answer types of the
 * 条例 and their crosswalk to the leaves (not official: configurable per county), applicant kinds
 * (table 三 columns), intake channels with their 收到申请之日 rule (Art. 31), the fee schedule of
 * 国办函〔2020〕109号, and the deadline rules (Art. 26, 30, 32, 33, 34).
 */
import type { ClockRule } from '@yifa/contracts';

export const ORDINANCE = '《政府信息公开条例》（国务院令第711号修订）';

export const DISCLOSURE_RULES: ClockRule[] = [
  {
    key: 'disclosure.reply', label: '答复期限', unit: 'workdays', length: 20, yellowWithin: 5, maxExtension: 20, sourced: true, configurable: false,
    basis: `${ORDINANCE}第三十三条第二款：收到申请之日起20个工作日内予以答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日；第三十条：答复期限自收到补正的申请之日起计算；第三十三条第三款：征求第三方和其他机关意见所需时间不计算在内`,
    effectiveFrom: '2019-05-15',
  },
  {
    key: 'disclosure.correction_notice', label: '补正告知期限', unit: 'workdays', length: 7, yellowWithin: 2, sourced: true, configurable: false,
    basis: `${ORDINANCE}第三十条：申请内容不明确的，应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正`,
    effectiveFrom: '2019-05-15',
  },
  {
    key: 'disclosure.correction_period', label: '补正期限（申请人）', unit: 'workdays', length: 15, yellowWithin: 3, sourced: false, configurable: true,
    basis: `${ORDINANCE}第三十条："说明需要补正的事项和合理的补正期限"——条例未规定天数，15个工作日为本平台默认值，可由本县调整`,
    effectiveFrom: '2019-05-15',
  },
  {
    key: 'disclosure.third_party', label: '第三方意见期限', unit: 'workdays', length: 15, yellowWithin: 3, sourced: true, configurable: false,
    basis: `${ORDINANCE}第三十二条：第三方应当自收到征求意见书之日起15个工作日内提出意见；第三十四条：其他机关应当自收到征求意见书之日起15个工作日内提出意见`,
    effectiveFrom: '2019-05-15',
  },
  {
    key: 'disclosure.delayed_reply', label: '延迟答复', unit: 'workdays', length: 0, yellowWithin: 5, sourced: true, configurable: false,
    basis: `${ORDINANCE}第三十五条：申请人申请公开政府信息的数量、频次明显超过合理范围，说明的理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人——条例未设上限，由机关确定合理期限，不受第三十三条第二款20个工作日延长上限的限制`,
    effectiveFrom: '2019-05-15',
  },
  {
    key: 'disclosure.fee_payment', label: '缴费期限', unit: 'workdays', length: 20, yellowWithin: 5, sourced: false, configurable: true,
    basis: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》：申请人应当在收费通知规定的期限内缴费，逾期未缴纳的视为放弃申请——本平台未核对原文天数，默认20个工作日，可由本县调整',
    effectiveFrom: '2021-01-01',
  },
];

/** Table 三 rows (leaves) in template order. */
export const LEAVES: { key: string; group: string; label: string }[] = [
  { key: '1', group: '（一）予以公开', label: '予以公开' },
  { key: '2', group: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', label: '部分公开' },
  { key: '3.1', group: '（三）不予公开', label: '1.属于国家秘密' },
  { key: '3.2', group: '（三）不予公开', label: '2.其他法律行政法规禁止公开' },
  { key: '3.3', group: '（三）不予公开', label: '3.危及“三安全一稳定”' },
  { key: '3.4', group: '（三）不予公开', label: '4.保护第三方合法权益' },
  { key: '3.5', group: '（三）不予公开', label: '5.属于三类内部事务信息' },
  { key: '3.6', group: '（三）不予公开', label: '6.属于四类过程性信息' },
  { key: '3.7', group: '（三）不予公开', label: '7.属于行政执法案卷' },
  { key: '3.8', group: '（三）不予公开', label: '8.属于行政查询事项' },
  { key: '4.1', group: '（四）无法提供', label: '1.本机关不掌握相关政府信息' },
  { key: '4.2', group: '（四）无法提供', label: '2.没有现成信息需要另行制作' },
  { key: '4.3', group: '（四）无法提供', label: '3.补正后申请内容仍不明确' },
  { key: '5.1', group: '（五）不予处理', label: '1.信访举报投诉类申请' },
  { key: '5.2', group: '（五）不予处理', label: '2.重复申请' },
  { key: '5.3', group: '（五）不予处理', label: '3.要求提供公开出版物' },
  { key: '5.4', group: '（五）不予处理', label: '4.无正当理由大量反复申请' },
  { key: '5.5', group: '（五）不予处理', label: '5.要求行政机关确认或重新出具已获取信息' },
  { key: '6.1', group: '（六）其他处理', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { key: '6.2', group: '（六）其他处理', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { key: '6.3', group: '（六）其他处理', label: '3.其他' },
];
export const LEAF_KEYS = LEAVES.map((l) => l.key);

/** Table 三 columns. */
export const APPLICANT_KINDS = [
  { key: 'natural', label: '自然人' },
  { key: 'business', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'public_interest', label: '社会公益组织' },
  { key: 'legal_service', label: '法律服务机构' },
  { key: 'other', label: '其他' },
] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number]['key'];

/** Intake channels and their 收到申请之日 (Art. 31). */
export const CHANNELS = {
  in_person: { label: '当面提交', receipt: '以提交之日为收到申请之日（第三十一条第一项）' },
  post_signed: { label: '邮寄（需签收）', receipt: '以行政机关签收之日为收到申请之日（第三十一条第二项）' },
  post_ordinary: { label: '平常信函', receipt: '以平常信函等无需签收的邮件方式提交的，以与申请人确认之日为收到申请之日（第三十一条第二项）' },
  online: { label: '互联网渠道', receipt: '通过互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）；本平台提交即出具回执，回执之日即为双方确认之日' },
  fax: { label: '传真', receipt: '通过传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）' },
} as const;
export type Channel = keyof typeof CHANNELS;

/**
 * Answer types of the 条例 and the default crosswalk to table 三. `needsGround` = 不予公开:
 * the ground decides the leaf (Art. 14/15/16).
 */
export const ANSWER_TYPES: Record<string, { label: string; article: string; leaf: string; needsGround?: boolean; letter: string }> = {
  published: { label: '已主动公开，告知获取方式和途径', article: '第三十六条第（一）项', leaf: '1', letter: '经审查，您申请获取的政府信息已经主动公开，现告知获取方式和途径如下：' },
  disclose: { label: '予以公开', article: '第三十六条第（二）项', leaf: '1', letter: '经审查，您申请获取的政府信息属于公开范围，现予以提供：' },
  partial: { label: '部分公开（区分处理）', article: '第三十七条', leaf: '2', letter: '经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，现向您提供可以公开的部分：' },
  withhold: { label: '不予公开', article: '第三十六条第（三）项', leaf: '3', needsGround: true, letter: '经审查，您申请获取的政府信息依法不予公开，理由如下：' },
  special_access: { label: '属于行政查询事项（工商、不动产登记资料等）', article: '第三十六条第（七）项', leaf: '3.8', letter: '您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的情形，请依照有关规定办理：' },
  not_exist: { label: '信息不存在', article: '第三十六条第（四）项', leaf: '4.1', letter: '经检索，本机关没有您申请公开的政府信息，该政府信息不存在。' },
  not_responsible: { label: '不属于本机关负责公开', article: '第三十六条第（五）项', leaf: '4.1', letter: '您申请公开的政府信息不属于本机关负责公开，理由及负责公开的机关如下：' },
  needs_processing: { label: '需另行加工、分析', article: '第三十八条', leaf: '4.2', letter: '您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。' },
  still_unclear: { label: '补正后申请内容仍不明确', article: '第三十条', leaf: '4.3', letter: '您补正后的申请内容仍不明确，本机关无法确定您所申请的政府信息。' },
  petition: { label: '信访、投诉、举报类申请', article: '第三十九条第一款', leaf: '5.1', letter: '您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关告知您不作为政府信息公开申请处理，并告知通过相应渠道提出。' },
  repeat: { label: '重复申请', article: '第三十六条第（六）项', leaf: '5.2', letter: '本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。' },
  publication: { label: '要求提供公开出版物', article: '第三十九条第二款', leaf: '5.3', letter: '您申请获取的是公开出版物，本机关告知获取途径如下：' },
  unreasonable: { label: '无正当理由大量反复申请', article: '第三十五条', leaf: '5.4', letter: '您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。' },
  // No article of the 条例 covers it: the category is the 30号 template's own (table 三 （五）5).
  confirm_reissue: { label: '要求确认或重新出具已获取信息', article: '国办公开办函〔2021〕30号表三第（五）项第5目（条例无专门条款）', leaf: '5.5', letter: '您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的处理范围。' },
  other: { label: '其他处理', article: '—', leaf: '6.3', letter: '' },
};
/**
 * The remedy paragraph of an answer, chosen by the answer's date (law as data). Since the 2023 行政复议法 took effect on
 * 2024-01-01, an applicant refused disclosure must apply for 行政复议 first (Art. 23 ¶1(四)), and the decision must say
 * so (Art. 23 ¶2); before, and for other answers, 复议 or 诉讼 is the applicant's choice.
 */
export interface RemedyRule { key: string; effectiveFrom: string; effectiveTo?: string; answerTypes: readonly string[] | 'all'; text: string; basis: string }
export const REMEDY_RULES: RemedyRule[] = [
  {
    key: 'remedy.choice', effectiveFrom: '2019-05-15', answerTypes: 'all',
    text: '如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自知道或者应当知道之日起六个月内依法提起行政诉讼。',
    basis: '《政府信息公开条例》第五十一条；《行政复议法》（2017）第九条；《行政诉讼法》第四十六条',
  },
  {
    key: 'remedy.review_first', effectiveFrom: '2024-01-01', answerTypes: ['withhold', 'partial'],
    text: '如对本答复中不予公开的决定不服，应当先自收到本答复之日起六十日内依法向{reviewOrgan}申请行政复议；对行政复议决定不服的，可以依法提起行政诉讼。',
    basis: '《行政复议法》（2023年修订，2024年1月1日起施行）第二十三条第一款第（四）项"申请政府信息公开，行政机关不予公开"应当先申请行政复议；第二款 行政机关作出行政行为时应当告知',
  },
];

/** The remedy paragraph for an answer type decided on a date: the latest rule in force that covers the type. */
export function remedyNotice(answerType: string, decidedOn: string, reviewOrgan: string): { key: string; text: string; basis: string } {
  const r = REMEDY_RULES.filter((x) => x.effectiveFrom <= decidedOn && (!x.effectiveTo || decidedOn <= x.effectiveTo)
    && (x.answerTypes === 'all' || x.answerTypes.includes(answerType))).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  return { key: r.key, text: r.text.replace('{reviewOrgan}', reviewOrgan), basis: r.basis };
}

export const WITHHOLD_GROUNDS: Record<string, { label: string; article: string; leaf: string }> = {
  state_secret: { label: '属于国家秘密', article: '第十四条', leaf: '3.1' },
  law_forbids: { label: '法律、行政法规禁止公开', article: '第十四条', leaf: '3.2' },
  security: { label: '危及国家安全、公共安全、经济安全、社会稳定', article: '第十四条', leaf: '3.3' },
  third_party: { label: '涉及商业秘密、个人隐私等，公开会损害第三方合法权益', article: '第十五条', leaf: '3.4' },
  internal: { label: '属于人事管理、后勤管理、内部工作流程等内部事务信息', article: '第十六条第一款', leaf: '3.5' },
  process: { label: '属于讨论记录、过程稿、磋商信函、请示报告等过程性信息', article: '第十六条第二款', leaf: '3.6' },
  enforcement: { label: '属于行政执法案卷信息', article: '第十六条第二款', leaf: '3.7' },
};

/** The default leaf of an answer (before county overrides). */
export function defaultLeaf(answerType: string, ground?: string | null): string {
  const t = ANSWER_TYPES[answerType];
  if (!t) throw new Error(`unknown answer type ${answerType}`);
  if (t.needsGround) return WITHHOLD_GROUNDS[ground ?? '']?.leaf ?? '3.2';
  return t.leaf;
}

/**
 * 信息处理费 (国办函〔2020〕109号), progressive (超额累进): 按件 per applicant per natural month —
 * the n-th application of the month costs: 1–10 free, 11–30 100元, 31–40 200元, 41–50 300元…;
 * 按量 per application by pages: 1–30 free, 31–100 10元/页, 101–200 20元/页, 201+ 40元/页.
 * One mode per application, never both.
 */
export function feePerItem(nthThisMonth: number): number {
  if (nthThisMonth <= 10) return 0;
  if (nthThisMonth <= 30) return 100;
  return 100 * (2 + Math.floor((nthThisMonth - 31) / 10));
}
export function feePerVolume(pages: number): number {
  const band = (from: number, to: number, price: number) => Math.max(0, Math.min(pages, to) - from + 1) * price;
  return band(31, 100, 10) + band(101, 200, 20) + band(201, Number.MAX_SAFE_INTEGER, 40);
}
export const FEE_BASIS = '国办函〔2020〕109号《政府信息公开信息处理费管理办法》：按件计收（同一申请人一个自然月内累计申请10件以下不收费，11—30件每件100元，31件以上每10件为一档、每件收费标准提高100元）或按量计收（30页以下不收费，31—100页每页10元，101—200页每页20元，201页以上每页40元）；二者择一，不得同时适用';
