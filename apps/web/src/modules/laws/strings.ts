/** Strings of the 法律法规目录 screens. */
export const LAWS_STRINGS = {
  'zh-CN': {
    'laws.name': '法律法规目录',
    'laws.list.title': '法律法规目录', 'laws.list.search': '名称、制定机关或文号（两字词亦可）', 'laws.list.allLevels': '全部效力级别',
    'laws.list.allStatuses': '全部状态', 'laws.list.on': '状态日期', 'laws.list.count': '共 {n} 部', 'laws.list.add': '新增',
    'laws.col.title': '名称', 'laws.col.issuer': '制定机关', 'laws.col.level': '效力级别', 'laws.col.docNo': '文号', 'laws.col.promulgatedOn': '公布日期',
    'laws.col.effectiveOn': '施行日期', 'laws.col.amendedOn': '修改日期', 'laws.col.repealedOn': '废止日期', 'laws.col.note': '备注', 'laws.col.status': '状态',
    'laws.col.openFlags': '待清理文件',
    'laws.edit': '修改', 'laws.editTitle': '修改：{title}', 'laws.saved': '已保存', 'laws.amend': '登记修改', 'laws.repeal': '登记废止',
    'laws.amendOn': '修改日期', 'laws.repealOn': '废止日期', 'laws.flagged': '已保存，{n} 件引用它的文件被标记为依据变化待清理',
    'laws.citations': '引用它的文件', 'laws.citation.case': '文件', 'laws.citation.article': '条款', 'laws.citation.effectiveOn': '文件施行日期',
    'laws.citation.flag': '依据变化', 'laws.none': '—',
    'laws.io.import': '导入 XLSX', 'laws.io.export': '导出 XLSX', 'laws.io.imported': '导入 {imported} 条（新增 {added}，更新 {updated}），拒绝 {rejected} 条（共 {total} 行）',
    'laws.io.flagged': '因修改、废止日期标记待清理文件 {n} 件', 'laws.io.rejectedRow': '第 {row} 行：{errors}',
    'laws.io.layout': '导入列：名称、制定机关、效力级别、文号、公布日期、施行日期、修改日期（多个用"；"分隔）、废止日期、备注；名称和效力级别相同的更新原条目',
    'laws.cited.title': '引用的依据（{on} 的状态）',
    'laws.flags.title': '依据变化待清理', 'laws.flags.state': '处理情况', 'laws.flags.open': '待清理', 'laws.flags.resolved': '已处理', 'laws.flags.all': '全部',
    'laws.flags.law': '依据', 'laws.flags.reason': '变化', 'laws.flags.changeOn': '变化日期', 'laws.flags.flaggedAt': '标记时间', 'laws.flags.resolve': '处理',
    'laws.flags.resolution': '处理结果（如：已修改文件、决定继续有效）', 'laws.flags.resolvedBy': '处理人', 'laws.flags.done': '已处理',
  },
};
