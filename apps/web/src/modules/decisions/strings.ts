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
    'decisions.board.archive': '归档下载',
    'decisions.col.number': '编号', 'decisions.col.title': '决策事项', 'decisions.col.state': '状态',
    'decisions.catalog.title': '重大行政决策事项目录', 'decisions.catalog.consent': '经{party}同意（{ref}），{on}公布',
    'decisions.catalog.item': '事项', 'decisions.catalog.scope': '类别', 'decisions.catalog.standard': '标准', 'decisions.catalog.lead': '承办单位',
    'decisions.catalog.added': '{on}增补', 'decisions.catalog.empty': '暂无公布的决策事项目录',
    'decisions.consult.title': '重大行政决策征求意见和听证', 'decisions.consult.open': '正在进行', 'decisions.consult.closed': '已结束',
    'decisions.consult.period': '{start} 至 {end}',
    'decisions.consult.draft': '决策草案', 'decisions.consult.hearing': '听证会：{on}，听证参加人：{names}',
  },
};
