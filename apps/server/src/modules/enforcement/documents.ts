/**
 * 行政处罚文书 in 公文 layout (platform/documents, numbered by the county's 文号 rule unless the step gave one): 立案审批表
 * (Art. 54), 行政处罚事先告知书 (Art. 44, 63), 听证通知书 (Art. 64), 行政处罚决定书 (Art. 59 fields; its number is the
 * 决定书编号 given at the decision). Addressed to the party (decrypted for the document only).
 */
import type { DocumentDef } from '../../platform/documents/types.ts';

const LAW = '《中华人民共和国行政处罚法》';
const REMEDIES_SAMPLE = '如不服本决定，可以在收到本决定书之日起六十日内向示范县人民政府申请行政复议，或者在六个月内向示范县人民法院提起行政诉讼。';
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

const filing: DocumentDef = {
  kind: 'enforcement.filing', label: '立案审批表', caseType: 'penalty_case', after: ['open'], party: ['party'], roles: ['handler', 'leader'],
  basis: `${LAW}第五十四条（符合立案标准的，应当及时立案）`,
  placeholders: {
    案由: { label: '案由（行政处罚事项）', sample: '对生产经营不符合食品安全标准食品的处罚' },
    案件来源: { label: '案件来源', sample: '检查发现' },
    违法事实: { label: '涉嫌违法事实', sample: '销售超过保质期的食品 20 件。' },
    立案依据: { label: '立案依据', sample: '《中华人民共和国食品安全法》第一百二十四条' },
    执法领域: { label: '执法领域', sample: '市场监管' },
  },
  template: {
    title: '立案审批表', docNo: '市监立〔{year}〕{n}号',
    body: [
      '案件编号：{{编号}}', '当事人：{{当事人}}', '案由：{{案由}}', '案件来源：{{案件来源}}', '执法领域：{{执法领域}}',
      '涉嫌违法事实：{{违法事实}}', '立案依据：{{立案依据}}', '经审查，符合立案标准，拟予立案调查。', '承办人意见：建议立案。', '负责人审批意见：同意立案。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const d = f.case.data;
    return { 案由: str(d.powerName), 案件来源: str(d.source), 违法事实: str(d.facts), 立案依据: `${str(d.basisLaw)}${str(d.basisArticle)}`, 执法领域: str(d.field) };
  },
};

const notice: DocumentDef = {
  kind: 'enforcement.notice', label: '行政处罚事先告知书', caseType: 'penalty_case', after: ['notify'], party: ['party'],
  basis: `${LAW}第四十四条（告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利）、第六十三条、第六十四条`,
  placeholders: {
    违法事实: { label: '违法事实', sample: '销售超过保质期的食品 20 件。' },
    拟处罚内容: { label: '拟作出的行政处罚内容', sample: '罚款 8000 元' },
    理由: { label: '理由', sample: '销售超过保质期的食品' },
    依据: { label: '依据', sample: '《中华人民共和国食品安全法》第一百二十四条' },
    听证权利: { label: '听证权利告知（适用第六十三条时）', sample: '你（单位）有权要求听证，应当在收到本告知书之日起五个工作日内提出。' },
  },
  template: {
    title: '行政处罚事先告知书', docNo: '市监告〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      '经调查，你（单位）{{违法事实}}',
      '以上事实违反了{{依据}}的规定。理由：{{理由}}。本机关拟对你（单位）作出如下行政处罚：{{拟处罚内容}}。',
      '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。{{听证权利}}',
      '逾期未提出陈述、申辩或者听证要求的，视为放弃上述权利。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const i = f.event.input;
    return {
      违法事实: str(f.case.data.facts), 拟处罚内容: str(i.proposedPenalty), 理由: str(i.reasons), 依据: str(i.basis),
      听证权利: i.hearingRight ? '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求听证，应当在收到本告知书之日起五个工作日内提出。' : '',
    };
  },
};

const hearing: DocumentDef = {
  kind: 'enforcement.hearing', label: '听证通知书', caseType: 'penalty_case', after: ['schedule_hearing'], party: ['party'],
  basis: `${LAW}第六十四条（举行听证的七日前通知当事人听证的时间、地点；由非本案调查人员主持）`,
  placeholders: {
    听证日期: { label: '听证日期', sample: '2026年6月26日' },
    听证地点: { label: '听证地点', sample: '示范县市场监督管理局听证室' },
    主持人: { label: '听证主持人', sample: '王某' },
    案由: { label: '案由', sample: '对生产经营不符合食品安全标准食品的处罚' },
  },
  template: {
    title: '听证通知书', docNo: '市监听〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      '根据你（单位）的申请，本机关定于{{听证日期}}在{{听证地点}}就{{案由}}一案（案件编号 {{编号}}）举行听证，由{{主持人}}主持（非本案调查人员）。',
      '你（单位）可以亲自参加听证，也可以委托一至二人代理。如认为主持人与本案有直接利害关系的，有权申请回避。',
      '无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const i = f.event.input;
    const [y, m, d] = str(i.hearingOn).split('-');
    return { 听证日期: `${y}年${Number(m)}月${Number(d)}日`, 听证地点: str(i.place), 主持人: str(i.chair), 案由: str(f.case.data.powerName) };
  },
};

const decision: DocumentDef = {
  kind: 'enforcement.decision', label: '行政处罚决定书', caseType: 'penalty_case', after: ['decide'], party: ['party'],
  givenNumber: (step) => (typeof step.input.decisionNo === 'string' && step.input.decisionNo ? step.input.decisionNo : null),
  basis: `${LAW}第五十九条（当事人姓名或者名称、地址；违法事实和证据；处罚种类和依据；履行方式和期限；申请行政复议、提起行政诉讼的途径和期限；`
    + '作出决定的机关名称和日期；加盖印章）',
  placeholders: {
    地址: { label: '当事人地址', sample: '示范县城关镇人民路 1 号' },
    违法事实: { label: '违法事实和证据', sample: '销售超过保质期的食品 20 件，有现场笔录、照片为证。' },
    决定结果: { label: '决定结果（第五十七条）', sample: '处罚' },
    处罚种类和依据: { label: '行政处罚的种类和依据', sample: '罚款 8000 元，依据《中华人民共和国食品安全法》第一百二十四条' },
    履行方式和期限: { label: '行政处罚的履行方式和期限', sample: '自收到本决定书之日起十五日内缴纳罚款。' },
    救济途径: { label: '申请行政复议、提起行政诉讼的途径和期限', sample: REMEDIES_SAMPLE },
    裁量基准: { label: '适用的裁量基准（可空）', sample: '' },
  },
  template: {
    title: '行政处罚决定书', docNo: '市监罚〔{year}〕{n}号',
    body: [
      '当事人：{{当事人}}', '地址：{{地址}}',
      '违法事实和证据：{{违法事实}}', '决定：{{决定结果}}。{{处罚种类和依据}}', '{{裁量基准}}', '履行方式和期限：{{履行方式和期限}}',
      '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额（《中华人民共和国行政处罚法》第七十二条）。',
      '{{救济途径}}',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const i = f.event.input;
    const disc = f.case.data.discretion as { version?: string; circumstance?: string; min?: number; max?: number; factors?: string[]; from?: number;
      to?: number } | undefined;
    // cases notified before 情节 were recorded carry only the row's range
    const range = disc?.from !== undefined ? `${str(disc.from)}–${str(disc.to)}` : `${str(disc?.min)}–${str(disc?.max)}`;
    return {
      地址: f.party?.address ?? '（见案卷）', 违法事实: str(f.case.data.facts), 决定结果: str(i.outcome), 处罚种类和依据: str(i.penalty),
      履行方式和期限: i.fineAmount ? `自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款 ${str(i.fineAmount)} 元（第六十七条）。` : '无',
      救济途径: str(i.remedies),
      裁量基准: disc?.version
        ? `适用裁量基准：${disc.version}（${str(disc.circumstance)}${disc.factors?.length ? `、${disc.factors.join('、')}` : ''}，${range} 元）。` : '',
    };
  },
};

export const ENFORCEMENT_DOCUMENTS: DocumentDef[] = [filing, notice, hearing, decision];
