/** Strings of the 合法性审查 screens. */
export const LEGALITY_STRINGS = {
  'zh-CN': {
    'legality-review.name': '合法性审查',
    'legality-review.queue.title': '合法性审查队列',
    'legality-review.col.number': '编号', 'legality-review.col.title': '文件名称', 'legality-review.col.state': '状态',
    'legality-review.col.org': '承办机构', 'legality-review.col.due': '审查期限', 'legality-review.col.level': '预警',
    'legality-review.review': '审查', 'legality-review.open': '打开案件',
    'legality-review.level.normal': '正常', 'legality-review.level.yellow': '黄牌', 'legality-review.level.red': '红牌',
    'legality-review.kind': '审查类别：{kind}', 'legality-review.checklist': '审查要点（{basis}）',
    'legality-review.answer.符合': '符合', 'legality-review.answer.不符合': '不符合', 'legality-review.answer.不适用': '不适用',
    'legality-review.note': '说明（不符合的须说明）',
    'legality-review.conclusion': '审核结论', 'legality-review.opinionNo': '审核意见书文号', 'legality-review.opinion': '审核意见',
    'legality-review.changes': '修改意见（修改后合法时必填）', 'legality-review.urgent': '少于最短审核时间的例外情形（可空）',
    'legality-review.conclude': '出具审核意见', 'legality-review.supplement': '要求补充材料', 'legality-review.supplementItems': '需补充的材料',
    'legality-review.done': '已提交', 'legality-review.notActionable': '本件当前没有您可执行的审查操作',
  },
};
