/**
 * 合法性审核意见书 (国办发〔2018〕115号 三(三): 审核机构出具书面审核意见): numbered with the 文号 the reviewer gave when
 * concluding (`opinionNo`), rendered in 公文 layout by the spine, stored on the case with its hash. Addressed to the 起草单位.
 */
import type { DocumentDef } from '../../platform/documents/types.ts';
import { CHECKLISTS } from './workflow.ts';
import { kindOf } from './review.ts';
import { signedOpinions } from '../advisors/store.ts';

type Answer = { item: string; answer: string; note?: string };

const opinion: DocumentDef = {
  kind: 'legality-review.opinion', label: '合法性审核意见书', caseType: 'legality_review', after: ['conclude'], party: ['drafting_org'],
  givenNumber: (step) => (typeof step.input.opinionNo === 'string' && step.input.opinionNo ? step.input.opinionNo : null),
  basis: '国办发〔2018〕115号 三(二)(三)（审核内容、审核意见）；《重大行政决策程序暂行条例》第二十六条、第二十七条',
  placeholders: {
    起草单位: { label: '送审的起草单位', sample: '示范县市场监督管理局' },
    审查类别: { label: '审查类别', sample: '规范性文件' },
    文件名称: { label: '送审文件名称', sample: '示范县食品小作坊登记管理办法（送审稿）' },
    审查要点: { label: '逐项审查情况', sample: '1. 制定主体是否合法：符合。' },
    审核结论: { label: '审核结论', sample: '修改后合法' },
    审核意见: { label: '审核意见', sample: '第八条设定的备案事项缺乏上位法依据，应予删除。' },
    修改意见: { label: '修改意见（可空）', sample: '' },
    例外情形: { label: '少于最短审核时间的例外情形（可空）', sample: '' },
    法律顾问意见: { label: '法律顾问、公职律师或专家签署的意见（可空）', sample: '' },
  },
  template: {
    title: '合法性审核意见书', docNo: '司审〔{year}〕{n}号',
    body: [
      '> {{起草单位}}：',
      '你单位报送的《{{文件名称}}》（{{审查类别}}，编号 {{编号}}）收悉。经审核，逐项审查情况如下：',
      '{{审查要点}}',
      '审核结论：{{审核结论}}。',
      '{{审核意见}}',
      '{{修改意见}}',
      '{{法律顾问意见}}',
      '{{例外情形}}',
    ].join('\n'),
  },
  fill: async (_ctx, conn, f) => {
    const input = f.event.input;
    const org = await conn.selectFrom('orgs').select('name').where('id', '=', String(f.case.data.draftingOrgId)).executeTakeFirst();
    const answers = (input.checklist as Answer[] | undefined) ?? [];
    const items = CHECKLISTS[kindOf(f.case.data)].items;
    return {
      起草单位: org?.name ?? '起草单位', 审查类别: kindOf(f.case.data), 文件名称: f.case.title,
      审查要点: items.map((it, i) => {
        const a = answers.find((x) => x.item === it);
        return `${i + 1}. ${it}：${a?.answer ?? '未填写'}${a?.note ? `（${a.note}）` : ''}`;
      }).join('\n'),
      审核结论: String(input.conclusion ?? ''), 审核意见: String(input.opinion ?? ''),
      修改意见: input.changes ? `修改意见：${String(input.changes)}` : '',
      例外情形: input.urgentReason ? `因${String(input.urgentReason)}，审核时间少于一般最短时间。` : '',
      法律顾问意见: (await signedOpinions(conn, f.case.id)).map((o) => `${o.kind}${o.name}（${o.unit}）签署意见：${o.opinion ?? ''}`).join('\n'),
    };
  },
};

export const LEGALITY_DOCUMENTS: DocumentDef[] = [opinion];
