/**
 * 政府信息公开申请答复书 as an issued 文书: the same answer as the letter of GET /disclosure/requests/:id/letter
 * (answerParts in export.ts: the article, the wording, the deadline's explanation and remedyNotice — 复议前置 for a
 * refusal decided from 2024-01-01), numbered by the county's 文号 rule and stored on the case with its SM3.
 */
import { formatDateZh, legalDateOf } from '@yifa/contracts';
import type { DocumentDef } from '../../platform/documents/types.ts';
import { reviewOrganOf } from '../../platform/documents/remedies.ts';
import { ANSWER_TYPES, ORDINANCE, REMEDY_RULES } from './rules.ts';
import { answerParts } from './export.ts';

const answer: DocumentDef = {
  kind: 'disclosure.answer', label: '政府信息公开申请答复书', caseType: 'disclosure_request', after: ['answer'],
  // A 发文字号 typed when answering is the 答复书's; otherwise the county's rule numbers it.
  givenNumber: (step) => (typeof step.input.docNo === 'string' && step.input.docNo ? step.input.docNo : null),
  basis: `${ORDINANCE}第三十六条至第三十九条（答复）、第五十一条；《行政复议法》（2023）第二十三条第二款（复议前置须在作出行政行为时告知）`,
  placeholders: {
    收到日期: { label: '收到申请之日（第三十一条）', sample: '2026年6月1日' },
    申请内容: { label: '申请获取的政府信息', sample: '2025年城区道路改造工程的招标文件' },
    答复条款: { label: '答复所依据的条例条款', sample: ANSWER_TYPES.partial.article },
    答复意见: { label: '答复意见（按答复类型和不予公开理由）', sample: ANSWER_TYPES.partial.letter },
    答复内容: { label: '答复内容', sample: '现向您提供招标公告和中标结果，投标人报价明细涉及商业秘密，不予提供。' },
    期限说明: { label: '答复期限说明（可空）', sample: '' },
    救济途径: { label: '救济途径（按答复之日适用的规定）', sample: REMEDY_RULES[1].text.replace('{reviewOrgan}', '示范县人民政府') },
  },
  template: {
    title: '政府信息公开申请答复书', docNo: '依申请公开〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      '{{收到日期}}，本机关收到您提出的政府信息公开申请（编号 {{编号}}），申请获取"{{申请内容}}"。',
      `根据${ORDINANCE}{{答复条款}}的规定，现答复如下：`,
      '{{答复意见}}',
      '{{答复内容}}',
      '{{期限说明}}',
      '{{救济途径}}',
    ].join('\n'),
  },
  fill: async (ctx, conn, f) => {
    const p = await conn.selectFrom('disclosureRequests').select(['receivedOn']).where('caseId', '=', f.case.id).executeTakeFirstOrThrow();
    const clock = f.clocks.find((k) => k.key === 'reply') ?? null;
    const parts = answerParts(f.case.data, clock, legalDateOf(f.event.occurredAt), await reviewOrganOf(conn, f.case.orgId));
    return { 当事人: f.party?.name || '申请人', 收到日期: formatDateZh(String(p.receivedOn)), 申请内容: String(f.case.data.description ?? ''), ...parts };
  },
};

export const DISCLOSURE_DOCUMENTS: DocumentDef[] = [answer];
