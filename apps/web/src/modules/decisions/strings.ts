/** Strings of the 重大行政决策 screens (console and portal). */
export const DECISIONS_STRINGS = {
  'zh-CN': {
    'decisions.name': '重大行政决策',
    'decisions.nav': '重大行政决策',
    'decisions.board.title': '决策事项办理',
    'decisions.board.hint': '决策事项目录和决策的启动在工作台"新建"中进行；每一步在办理页面执行。',
    'decisions.board.empty': '暂无重大行政决策',
    'decisions.board.comments': '公众意见',
    'decisions.board.open': '办理',
    'decisions.col.number': '编号', 'decisions.col.title': '决策事项', 'decisions.col.state': '状态',
    'decisions.comment.answer': '答复', 'decisions.comment.hide': '不予展示', 'decisions.comment.reason': '理由', 'decisions.comment.hidden': '已不予展示：{reason}',
    'decisions.comment.answered': '{answer}：{reason}', 'decisions.comment.none': '暂无意见',
    'decisions.comment.name': '姓名（可不填）', 'decisions.comment.phone': '联系电话（可不填）', 'decisions.comment.body': '意见',
    'decisions.comment.submit': '提交意见', 'decisions.comment.thanks': '意见已提交，感谢参与。',
    'decisions.catalog.title': '重大行政决策事项目录', 'decisions.catalog.consent': '经{party}同意（{ref}），{on}公布',
    'decisions.catalog.item': '事项', 'decisions.catalog.scope': '类别', 'decisions.catalog.standard': '标准', 'decisions.catalog.lead': '承办单位',
    'decisions.catalog.added': '{on}增补', 'decisions.catalog.empty': '暂无公布的决策事项目录',
    'decisions.consult.title': '重大行政决策征求意见和听证', 'decisions.consult.open': '正在进行', 'decisions.consult.closed': '已结束',
    'decisions.consult.period': '{start} 至 {end}', 'decisions.consult.daysLeft': '距截止还有 {n} 日', 'decisions.consult.comments': '公众意见（已隐去个人信息）',
    'decisions.consult.draft': '决策草案', 'decisions.consult.explanation': '起草说明', 'decisions.consult.adoption': '意见采纳情况',
    'decisions.consult.short': '期限少于30日的理由：{reason}', 'decisions.consult.hearing': '听证会：{on}，听证参加人：{names}',
  },
};
