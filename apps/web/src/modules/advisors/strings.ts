/** Strings of the 法律顾问与专家库 screen. */
export const ADVISORS_STRINGS = {
  'zh-CN': {
    'advisors.name': '法律顾问与专家库',
    'advisors.title': '法律顾问与专家库', 'advisors.add': '新增', 'advisors.edit': '修改', 'advisors.editTitle': '修改：{name}', 'advisors.saved': '已保存',
    'advisors.count': '共 {n} 人', 'advisors.search': '专业领域',
    'advisors.kind.政府法律顾问': '政府法律顾问', 'advisors.kind.公职律师': '公职律师', 'advisors.kind.合法性审查专家': '合法性审查专家',
    'advisors.col.kind': '类别', 'advisors.col.name': '姓名', 'advisors.col.unit': '律师事务所 / 工作单位', 'advisors.col.title': '职务 / 职称',
    'advisors.col.expertise': '专业领域', 'advisors.col.contract': '聘期', 'advisors.col.contractFrom': '聘期起', 'advisors.col.contractTo': '聘期止',
    'advisors.col.procurement': '选聘方式', 'advisors.col.status': '状态', 'advisors.col.assigned': '指派件数', 'advisors.col.signed': '签署意见件数',
    'advisors.panel.title': '法律顾问、公职律师或专家', 'advisors.panel.declaration': '利益冲突声明', 'advisors.panel.opinion': '签署的意见',
    'advisors.panel.pick': '选择法律顾问、公职律师或专家', 'advisors.panel.assign': '指派', 'advisors.panel.declare': '登记声明', 'advisors.panel.sign': '登记签署的意见',
    'advisors.panel.done': '已登记',
    'advisors.status.active': '在聘', 'advisors.status.ended': '已解聘', 'advisors.none': '—',
  },
};
