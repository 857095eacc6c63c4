/**
 * 12345 回复单: the written reply to the citizen after 答复诉求人, issued in the name of the 承办单位 that replied
 * (not the 12345 centre that dispatched it). No national format exists (国办发〔2020〕53号 asks for a reply, not a form):
 * the default below is a local model a county edits under 系统管理 → 文书模板.
 */
import { formatDateZh } from '@yifa/contracts';
import type { DocumentDef } from '../../platform/documents/types.ts';
import { CHANNEL_ZH } from './workflow.ts';

const reply: DocumentDef = {
  kind: 'hotline.reply', label: '12345回复单', caseType: 'hotline_ticket', after: ['reply'], issuer: 'actor',
  party: ['诉求人', '举报人'],
  basis: '国办发〔2020〕53号（12345热线：承办单位办理并答复诉求人）；本地格式，无全国统一文书',
  placeholders: {
    受理日期: { label: '受理诉求之日', sample: '2026年6月10日' },
    受理渠道: { label: '受理渠道', sample: '电话' },
    诉求类型: { label: '诉求类型', sample: '投诉' },
    事项分类: { label: '事项分类（派单目录）', sample: '市容环境卫生' },
    诉求内容: { label: '诉求内容', sample: '人民路菜市场门口垃圾堆放多日无人清运。' },
    答复内容: { label: '答复内容', sample: '经现场核查，已于6月12日清运完毕，并安排每日巡查。' },
    办理结果: { label: '办理结果', sample: '已解决' },
    答复方式: { label: '答复方式', sample: '电话' },
  },
  template: {
    title: '12345政务服务便民热线诉求回复单', docNo: '热线复字〔{year}〕{n}号',
    body: [
      '> {{当事人}}：',
      '你于{{受理日期}}通过{{受理渠道}}反映的{{诉求类型}}诉求（工单编号 {{编号}}，事项：{{事项分类}}），由{{机关}}办理。',
      '诉求内容：{{诉求内容}}',
      '现将办理情况答复如下：',
      '{{答复内容}}',
      '办理结果：{{办理结果}}（已于{{日期}}以{{答复方式}}方式答复）。',
      '如对办理情况有意见，可拨打12345热线反映，或者凭工单编号和联系电话在网上查询办理进度、评价办理情况。',
    ].join('\n'),
  },
  fill: (_ctx, _conn, f) => {
    const d = f.case.data;
    return {
      当事人: f.party?.name || '诉求人',
      受理日期: formatDateZh(f.case.filedOn), 受理渠道: (CHANNEL_ZH as Record<string, string>)[String(d.channel)] ?? String(d.channel ?? ''),
      诉求类型: String(d.ticketType ?? ''), 事项分类: String(d.categoryName ?? ''), 诉求内容: String(d.description ?? ''),
      答复内容: String(f.event.input.content ?? ''), 办理结果: String(f.event.input.result ?? ''), 答复方式: String(f.event.input.contactMethod ?? ''),
    };
  },
};

export const HOTLINE_DOCUMENTS: DocumentDef[] = [reply];
