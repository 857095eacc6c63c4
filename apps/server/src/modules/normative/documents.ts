/**
 * 文书 of a 规范性文件 in 公文 layout (platform/documents): the 统一登记表 the 司法局 issues at 统一登记 (numbered with the
 * 登记号), the drafting org's 备案报告 at 报送备案, and the 司法局's 纠错通知书 (numbered with the notice's 文号).
 */
import type { DocumentDef, DocumentEvent } from '../../platform/documents/types.ts';
import type { Conn } from '../../platform/db/client.ts';
import { NORMATIVE_TYPE } from './workflow.ts';

const given = (field: string) => (step: DocumentEvent) => (typeof step.input[field] === 'string' && step.input[field] ? String(step.input[field]) : null);
const orgName = async (conn: Conn, id: unknown) => (await conn.selectFrom('orgs').select('name').where('id', '=', String(id)).executeTakeFirst())?.name ?? '';
const last = (events: DocumentEvent[], action: string) => [...events].reverse().find((e) => e.action === action);

const registration: DocumentDef = {
  kind: 'normative.registration', label: '行政规范性文件统一登记表', caseType: NORMATIVE_TYPE, after: ['register'], roles: ['reviewer'], issuer: 'actor',
  givenNumber: given('regNo'),
  basis: '"三统一"（统一登记、统一编号、统一公布，地方规范性文件管理规定）；国办发〔2018〕37号',
  placeholders: {
    制定机关: { label: '制定机关', sample: '示范县市场监督管理局' },
    文件名称: { label: '文件名称', sample: '示范县食品小作坊登记管理办法' },
    登记号: { label: '统一登记号', sample: 'SXGS—2026—3' },
    审核情况: { label: '合法性审核情况', sample: '经合法性审核（HF-2026-000012），结论：合法' },
    审议情况: { label: '集体审议情况', sample: '2026年5月20日部门领导班子会议第5次会议审议通过' },
  },
  template: {
    title: '行政规范性文件统一登记表', docNo: '规登〔{year}〕{n}号',
    body: [
      '> {{制定机关}}：',
      '你单位报送的《{{文件名称}}》（编号 {{编号}}）经统一登记，登记号为 {{登记号}}。',
      '{{审核情况}}。',
      '{{审议情况}}。',
      '请按登记号印发，并自公布之日起在本县规定的期限内报送备案。未经统一登记、统一编号、统一公布的规范性文件不得作为行政管理依据。',
    ].join('\n'),
  },
  fill: async (_ctx, conn, f) => {
    const d = f.case.data;
    const delib = (d.deliberation ?? {}) as Record<string, unknown>;
    const review = await conn.selectFrom('cases').select('number').where('id', '=', String(d.reviewCaseId)).executeTakeFirst();
    return {
      制定机关: await orgName(conn, d.issuerOrgId), 文件名称: f.case.title, 登记号: String(f.event.input.regNo ?? d.regNo ?? ''),
      审核情况: `经合法性审核（${review?.number ?? ''}），结论：${String(d.reviewConclusion ?? '')}`,
      审议情况: `${String(delib.meetingOn ?? '')} ${String(delib.body ?? '')}${String(delib.session ?? '')}审议通过`,
    };
  },
};

const filing: DocumentDef = {
  kind: 'normative.filing', label: '行政规范性文件备案报告', caseType: NORMATIVE_TYPE, after: ['file'], roles: ['handler'],
  givenNumber: given('filingNo'),
  basis: '国办发〔2018〕37号（报送备案；"有件必备"）；报送期限本县设定',
  placeholders: {
    文件名称: { label: '文件名称', sample: '示范县食品小作坊登记管理办法' },
    登记号: { label: '统一登记号', sample: 'SXGS—2026—3' },
    发文字号: { label: '发文字号', sample: '示市监规〔2026〕3号' },
    公布日期: { label: '公布日期', sample: '2026-05-25' },
    施行日期: { label: '施行日期', sample: '2026-06-01' },
    报送材料: { label: '报送材料', sample: '备案报告、正式文本、起草说明、合法性审核意见书' },
  },
  template: {
    title: '关于报送行政规范性文件备案的报告', docNo: '备〔{year}〕{n}号',
    body: [
      '> 示范县人民政府（经县司法局）：',
      '现将《{{文件名称}}》（发文字号 {{发文字号}}，统一登记号 {{登记号}}）报送备案。该文件于 {{公布日期}} 公布，自 {{施行日期}} 起施行。',
      '随文报送：{{报送材料}}。',
      '特此报告。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const d = f.case.data;
    return {
      文件名称: f.case.title, 登记号: String(d.regNo ?? ''), 发文字号: String(d.docNo ?? ''), 公布日期: String(d.publishedOn ?? ''),
      施行日期: String(d.effectiveOn ?? ''), 报送材料: String(f.event.input.materials ?? ''),
    };
  },
};

const correction: DocumentDef = {
  kind: 'normative.correction', label: '行政规范性文件备案审查纠错通知书', caseType: NORMATIVE_TYPE, after: ['filing_correct'], roles: ['reviewer'], issuer: 'actor',
  givenNumber: given('noticeNo'),
  basis: '"有件必备、有备必审、有错必纠"（《法规规章备案审查条例》第三条）；国办发〔2018〕37号；纠错期限本县设定',
  placeholders: {
    制定机关: { label: '制定机关', sample: '示范县市场监督管理局' },
    文件名称: { label: '文件名称', sample: '示范县城区户外广告设置管理规定' },
    发文字号: { label: '发文字号', sample: '示市监规〔2026〕2号' },
    存在问题: { label: '存在的问题', sample: '第十条缺乏上位法依据。' },
    纠错期限: { label: '纠错期限', sample: '2026年7月15日' },
  },
  template: {
    title: '行政规范性文件备案审查纠错通知书', docNo: '司纠〔{year}〕{n}号',
    body: [
      '> {{制定机关}}：',
      '你单位报送备案的《{{文件名称}}》（{{发文字号}}）经备案审查，存在以下问题：',
      '{{存在问题}}',
      '请于 {{纠错期限}} 前自行纠正并书面报告纠正情况；逾期不纠正的，依法予以处理。',
    ].join('\n'),
  },
  fill: async (_ctx, conn, f) => {
    const d = f.case.data;
    const k = f.clocks.find((c) => c.key === 'correction');
    return {
      制定机关: await orgName(conn, d.issuerOrgId), 文件名称: f.case.title, 发文字号: String(d.docNo ?? ''),
      存在问题: String(last(f.events, 'filing_correct')?.input.problems ?? ''), 纠错期限: k?.dueDate ?? '',
    };
  },
};

export const NORMATIVE_DOCUMENTS: DocumentDef[] = [registration, filing, correction];
