/**
 * The 文书 of a 行政许可 at one window (行政许可法, 2019 amendment): 受理通知书, 补正材料通知书（一次性告知）,
 * 不予受理决定书, 延期通知书, 准予 / 不予行政许可决定书, 送达回证 — each issued after its step, in 公文 layout with
 * the county's 文号 (platform/documents). Defaults below; a county edits them under 系统管理 → 文书模板.
 *
 * Remedies (Art. 38 ¶2, Art. 7): a refusal to accept and a refusal to license are 行政许可 decisions the applicant may
 * challenge by 行政复议 (《行政复议法》（2023）第十一条第（三）项) or directly by 行政诉讼. Art. 23 of the 2023 law makes
 * 复议 compulsory first only for its listed acts (当场处罚, 自然资源权属, 未履行法定职责, 政府信息公开不予公开, and
 * others a law names) — a licence decision is not among them, so the paragraph offers both, unchanged by 2024-01-01
 * except for its basis (DOMAIN.md §8.1).
 */
import { formatDateZh, legalDateOf, type PlaceholderValues } from '@yifa/contracts';
import type { DocumentDef, DocumentFacts } from '../../platform/documents/types.ts';
import { remedyInForce, reviewOrganOf, type RemedyText } from '../../platform/documents/remedies.ts';
import { AppError } from '../../platform/http/problem.ts';
import { ART32_DEEMED } from './workflow.ts';

const LAW = '《中华人民共和国行政许可法》';

export const LICENCE_REMEDIES: RemedyText[] = [
  {
    key: 'approvals.remedy', effectiveFrom: '2004-07-01',
    text: '如不服本决定，可以自收到本决定之日起六十日内向{reviewOrgan}申请行政复议，或者自知道或者应当知道本决定之日起六个月内依法向人民法院提起行政诉讼。',
    basis: '《行政许可法》第七条、第三十八条第二款；《行政复议法》（2017）第九条；《行政诉讼法》第四十六条',
  },
  {
    key: 'approvals.remedy.2024', effectiveFrom: '2024-01-01',
    text: '如不服本决定，可以自收到本决定之日起六十日内向{reviewOrgan}申请行政复议，或者自知道或者应当知道本决定之日起六个月内依法向人民法院提起行政诉讼。',
    basis: '《行政许可法》第七条、第三十八条第二款；《行政复议法》（2023年修订）第十一条第（三）项、第二十条（六十日），'
      + '行政许可决定不属于该法第二十三条应当先申请行政复议的情形；《行政诉讼法》第四十六条（六个月）',
  },
];

const dateOf = (d: Date | string) => formatDateZh(typeof d === 'string' ? d : legalDateOf(d));
/** "20个工作日" from the clock as it stands (extensions included). */
function limitOf(f: DocumentFacts, key: string): string {
  const c = f.clocks.find((x) => x.key === key);
  if (!c) return '';
  return `${c.totalLength}${c.unit === 'workdays' ? '个工作日' : c.unit === 'days' ? '日' : '小时'}`;
}
const dueOf = (f: DocumentFacts, key: string) => { const c = f.clocks.find((x) => x.key === key); return c?.dueDate ? formatDateZh(c.dueDate) : ''; };
/** The day the application was accepted (or deemed accepted: the day its materials arrived, Art. 32). */
function acceptedOn(f: DocumentFacts): string {
  if (f.case.data.deemedAcceptedOn) return formatDateZh(String(f.case.data.deemedAcceptedOn));
  const e = [...f.events].reverse().find((x) => x.action === 'accept' || x.action === 'deem_accept');
  return e ? dateOf(e.occurredAt) : '';
}
const common = (f: DocumentFacts): PlaceholderValues => ({ 事项: String(f.case.data.itemName ?? ''), 收件日期: formatDateZh(f.case.filedOn) });
async function remedy(ctx: Parameters<DocumentDef['fill']>[0], conn: Parameters<DocumentDef['fill']>[1], f: DocumentFacts): Promise<string> {
  return remedyInForce(LICENCE_REMEDIES, legalDateOf(f.event.occurredAt), await reviewOrganOf(conn, f.org.id)).text;
}

const P = {
  事项: { label: '办理事项', sample: '食品经营许可（新办）' },
  收件日期: { label: '收到申请材料之日', sample: '2026年6月10日' },
  受理日期: { label: '受理之日（视为受理的，收到申请材料之日）', sample: '2026年6月12日' },
  法定期限: { label: '法定办理时限（含延长）', sample: '20个工作日' },
  承诺期限: { label: '承诺办理时限', sample: '5个工作日' },
  届满日期: { label: '法定办理时限届满日', sample: '2026年7月10日' },
  救济途径: { label: '申请行政复议、提起行政诉讼的告知（按决定之日适用的规定）', sample: LICENCE_REMEDIES[1].text.replace('{reviewOrgan}', '示范县人民政府') },
} as const;

const acceptance: DocumentDef = {
  kind: 'approvals.acceptance', label: '受理通知书', caseType: 'approval', after: ['accept', 'deem_accept'],
  basis: `${LAW}第三十二条第一款第（五）项、第二款（出具加盖本行政机关专用印章和注明日期的书面凭证）`,
  placeholders: {
    事项: P.事项, 收件日期: P.收件日期, 受理日期: P.受理日期, 法定期限: P.法定期限, 承诺期限: P.承诺期限, 届满日期: P.届满日期,
    受理说明: { label: '受理的理由和依据（视为受理时为第三十二条第一款第（四）项）', sample: `经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式，根据${LAW}第三十二条第一款第（五）项的规定，本机关决定予以受理。` },
  },
  template: {
    title: '受理通知书', docNo: '许受字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      '你（单位）于{{收件日期}}提出的{{事项}}申请，{{受理说明}}',
      '本机关将自受理之日（{{受理日期}}）起{{法定期限}}内作出行政许可决定，期限届满日为{{届满日期}}；本机关承诺{{承诺期限}}内办结。依法需要听证、检验、检测、检疫、鉴定、专家评审的，所需时间不计算在上述期限内，本机关将书面告知所需时间。',
      '办件编号：{{编号}}。你（单位）可凭办件编号和申请时登记的联系电话查询办理进度。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => ({
    ...common(f), 受理日期: acceptedOn(f), 法定期限: limitOf(f, 'decision'), 承诺期限: limitOf(f, 'promise'), 届满日期: dueOf(f, 'decision'),
    受理说明: f.event.action === 'deem_accept'
      ? `本机关未在收到申请材料之日起五日内一次告知需要补正的全部内容，依照${ART32_DEEMED.replace('《行政许可法》', LAW)}的规定，自收到申请材料之日即为受理。`
      : `经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式，根据${LAW}第三十二条第一款第（五）项的规定，本机关决定予以受理。`,
  }),
};

const correction: DocumentDef = {
  kind: 'approvals.correction', label: '补正材料通知书', caseType: 'approval', after: ['notify_correction'],
  basis: `${LAW}第三十二条第一款第（四）项（当场或者在五日内一次告知申请人需要补正的全部内容）`,
  placeholders: {
    事项: P.事项, 收件日期: P.收件日期,
    补正内容: { label: '需要补正的全部内容（逐项，一次告知）', sample: ['1．经营场所平面图', '2．食品安全管理制度'] },
    补正说明: { label: '补正说明（可空）', sample: '平面图须标明各功能区布局。' },
  },
  template: {
    title: '补正材料通知书', docNo: '许补字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      `你（单位）于{{收件日期}}提出的{{事项}}申请，申请材料不齐全或者不符合法定形式。根据${LAW}第三十二条第一款第（四）项的规定，现一次告知你（单位）需要补正的全部内容如下：`,
      '{{补正内容}}',
      '{{补正说明}}',
      '请补正上述全部内容后，到本机关窗口或者通过网上办事大厅提交。本机关自收到全部补正材料之日起重新审查是否受理。办件编号：{{编号}}。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const items = (f.event.input.items as string[] | undefined) ?? [];
    return { ...common(f), 补正内容: items.map((x, i) => `${i + 1}．${x}`), 补正说明: String(f.event.input.note ?? '') };
  },
};

const refusal: DocumentDef = {
  kind: 'approvals.refusal', label: '不予受理决定书', caseType: 'approval', after: ['refuse'],
  basis: `${LAW}第三十二条第一款第（一）项至第（三）项、第二款（书面凭证）；第七条（申请行政复议、提起行政诉讼的权利）`,
  placeholders: {
    事项: P.事项, 收件日期: P.收件日期, 救济途径: P.救济途径,
    不予受理理由: { label: '不予受理的理由', sample: '申请事项依法不属于本行政机关职权范围' },
    说明: { label: '说明（含告知向有关行政机关申请）', sample: '该事项由县自然资源局办理，请向其提出申请。' },
  },
  template: {
    title: '不予受理决定书', docNo: '许不受字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      `你（单位）于{{收件日期}}提出的{{事项}}申请，经审查，{{不予受理理由}}。根据${LAW}第三十二条第一款的规定，本机关决定不予受理。`,
      '{{说明}}',
      '{{救济途径}}',
    ].join('\n'),
  },
  fill: async (ctx, conn, f) => ({
    ...common(f), 不予受理理由: String(f.event.input.reason ?? ''), 说明: String(f.event.input.note ?? ''), 救济途径: await remedy(ctx, conn, f),
  }),
};

const extension: DocumentDef = {
  kind: 'approvals.extension', label: '延期通知书', caseType: 'approval', after: ['extend'],
  basis: `${LAW}第四十二条（经负责人批准延长办理期限，并应当将延长期限的理由告知申请人）`,
  placeholders: {
    事项: P.事项, 受理日期: P.受理日期, 届满日期: { label: '延长后的届满日', sample: '2026年7月24日' },
    延长期限: { label: '延长的期限', sample: '10个工作日' }, 延期理由: { label: '延期理由', sample: '需要组织现场核查并征求有关部门意见' },
    批准: { label: '批准延期的负责人（第四十二条第一款：本行政机关负责人；第二款：本级人民政府负责人）', sample: '经本行政机关负责人批准' },
    条款: { label: '所依据的条款', sample: '第四十二条第一款' },
  },
  template: {
    title: '延期通知书', docNo: '许延字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      `你（单位）申请的{{事项}}（办件编号 {{编号}}），本机关于{{受理日期}}受理。因{{延期理由}}，不能在法定期限内作出决定，{{批准}}，根据${LAW}{{条款}}的规定，办理期限延长{{延长期限}}，届满日为{{届满日期}}。`,
      '特此告知。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const joint = !!f.case.data.jointMode;
    return {
      事项: String(f.case.data.itemName ?? ''), 受理日期: acceptedOn(f), 届满日期: dueOf(f, 'decision'),
      延长期限: `${Number(f.event.input.days)}个工作日`, 延期理由: String(f.event.input.reason ?? '').replace(/[。；;，,]+$/, ''),
      批准: joint ? '经本级人民政府负责人批准' : '经本行政机关负责人批准', 条款: joint ? '第四十二条第二款' : '第四十二条第一款',
    };
  },
};

const grant: DocumentDef = {
  kind: 'approvals.grant', label: '准予行政许可决定书', caseType: 'approval', after: ['approve'],
  basis: `${LAW}第三十八条第一款（作出准予行政许可的书面决定）、第三十九条、第四十四条（十日内颁发、送达证件）`,
  placeholders: {
    事项: P.事项, 收件日期: P.收件日期, 受理日期: P.受理日期,
    许可证件编号: { label: '许可证件编号', sample: 'JY13301990101000001' }, 审批意见: { label: '审批意见（可空）', sample: '' },
  },
  template: {
    title: '准予行政许可决定书', docNo: '许准字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      `你（单位）于{{收件日期}}提出的{{事项}}申请，本机关于{{受理日期}}受理。经审查，你（单位）的申请符合法定条件、标准，根据${LAW}第三十八条第一款的规定，本机关决定准予行政许可。`,
      '许可证件编号：{{许可证件编号}}。',
      '{{审批意见}}',
      `本机关将自本决定作出之日起十日内向你（单位）颁发、送达行政许可证件（${LAW}第四十四条）。`,
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => ({ ...common(f), 受理日期: acceptedOn(f), 许可证件编号: String(f.event.input.licenceNo ?? ''), 审批意见: String(f.event.input.note ?? '') }),
};

const denial: DocumentDef = {
  kind: 'approvals.denial', label: '不予行政许可决定书', caseType: 'approval', after: ['deny'],
  basis: `${LAW}第三十八条第二款（不予行政许可的书面决定应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利）`,
  placeholders: {
    事项: P.事项, 收件日期: P.收件日期, 受理日期: P.受理日期, 救济途径: P.救济途径,
    不予许可理由: { label: '不予许可的理由', sample: '经现场核查，经营场所与申请材料所附平面图不符，且未设置与经营品种相适应的专间。' },
  },
  template: {
    title: '不予行政许可决定书', docNo: '许不准字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      '你（单位）于{{收件日期}}提出的{{事项}}申请，本机关于{{受理日期}}受理。经审查，你（单位）的申请不符合法定条件、标准，理由如下：',
      '{{不予许可理由}}',
      `根据${LAW}第三十八条第二款的规定，本机关决定不予行政许可。`,
      '{{救济途径}}',
    ].join('\n'),
  },
  fill: async (ctx, conn, f) => ({ ...common(f), 受理日期: acceptedOn(f), 不予许可理由: String(f.event.input.reasons ?? ''), 救济途径: await remedy(ctx, conn, f) }),
};

/** The steps whose 文书 are served on the applicant. */
const SERVED_AFTER = ['accept', 'deem_accept', 'notify_correction', 'refuse', 'extend', 'approve', 'deny'] as const;
const serviceReceipt: DocumentDef = {
  kind: 'approvals.service', label: '送达回证', caseType: 'approval', after: SERVED_AFTER,
  roles: ['dispatcher', 'handler', 'approver', 'leader'],
  basis: `${LAW}第二十六条（统一送达）、第三十二条第二款、第三十八条、第四十四条（书面凭证和决定的送达）；送达回证格式参照《中华人民共和国民事诉讼法》第八十七条（本地实践，无全国统一格式）`,
  placeholders: {
    送达文书: { label: '本步骤出具、送达的文书（名称和文号）', sample: ['受理通知书（示审批受字〔2026〕1号）'] },
    送达地点: { label: '送达地点（当事人地址；无则留空手写）', sample: '' },
  },
  template: {
    title: '送达回证', docNo: '许送字〔{year}〕{n}号',
    body: [
      '| 送达文书 | {{送达文书}} |',
      '| 受送达人 | {{当事人}} |',
      '| 送达地点 | {{送达地点}} |',
      '| 送达方式 |  |',
      '| 受送达人签名或者盖章 |  |',
      '| 签收日期 | 年　　月　　日 |',
      '| 送达人 |  |',
      '| 备注 |  |',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const served = f.issued.filter((d) => d.eventSeq === f.event.seq && d.kind !== 'approvals.service');
    if (!served.length) throw new AppError('conflict', '本步骤尚未出具需要送达的文书：请先出具（如受理通知书、准予行政许可决定书），再出具送达回证');
    return { 送达文书: served.map((d) => `${d.title}（${d.number}）`), 送达地点: f.party?.address ?? '' };
  },
};

export const APPROVAL_DOCUMENTS: DocumentDef[] = [acceptance, correction, refusal, extension, grant, denial, serviceReceipt];
