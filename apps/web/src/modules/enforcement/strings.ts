/** Strings of the 行政执法 screens: 执法人员 (console), 执法证件核验 / 亮证 (portal). */
export const ENFORCEMENT_STRINGS = {
  'zh-CN': {
    'enforcement.name': '行政执法', 'enforcement.group': '行政执法',
    'enforcement.officers.title': '执法人员', 'enforcement.officers.search': '姓名或执法证号',
    'enforcement.col.certNo': '执法证号', 'enforcement.col.name': '姓名', 'enforcement.col.org': '所属机关', 'enforcement.col.fields': '执法领域',
    'enforcement.col.category': '执法类别', 'enforcement.col.validity': '有效期', 'enforcement.col.status': '证件状态', 'enforcement.col.hours': '年度培训学时',
    'enforcement.valid': '有效', 'enforcement.invalid': '无效',
    'enforcement.cert.title': '执法证件核验（亮证）',
    'enforcement.cert.intro': '执法人员从事执法活动时应当主动出示执法证件。请输入证件上的执法证号，核验持证人身份和证件是否有效。',
    'enforcement.cert.no': '执法证号', 'enforcement.cert.check': '核验', 'enforcement.cert.notFound': '未查到该执法证号，请核对后重试；如有疑问可拨打 12345。',
    'enforcement.cert.name': '姓名', 'enforcement.cert.org': '执法机关', 'enforcement.cert.fields': '执法领域', 'enforcement.cert.validity': '有效期',
    'enforcement.cert.status': '证件状态', 'enforcement.cert.checkedOn': '核验日期',
    'enforcement.discretion.title': '行政处罚裁量基准', 'enforcement.discretion.intro': '依据《中华人民共和国行政处罚法》第三十四条公开。'
      + '执法人员在告知时记录违法情形，系统按作出时有效的基准计算罚款幅度；超出幅度须书面说明理由并经法制审核。',
    'enforcement.discretion.circumstance': '违法情形', 'enforcement.discretion.description': '情形说明', 'enforcement.discretion.range': '罚款幅度',
    'enforcement.discretion.basis': '依据（版本）', 'enforcement.discretion.effective': '施行日期',
    'enforcement.discretion.add': '新增基准（新版本）', 'enforcement.discretion.saved': '已发布裁量基准', 'enforcement.discretion.power': '行政处罚事项',
    'enforcement.discretion.min': '罚款下限（元）', 'enforcement.discretion.max': '罚款上限（元）', 'enforcement.discretion.basisOnly': '依据',
    'enforcement.discretion.version': '版本', 'enforcement.discretion.factors': '违法情形及从轻、减轻、从重情节',
    'enforcement.discretion.versioning': '基准按施行日期分版本：修改即以新的施行日期新增一条；案件适用告知当日有效的版本，已适用的旧版本保留。',
    'enforcement.supervision.title': '行政执法监督', 'enforcement.supervision.flagged': '只看有问题的案件', 'enforcement.supervision.number': '案号',
    'enforcement.supervision.case': '案件', 'enforcement.supervision.filedOn': '立案日期', 'enforcement.supervision.problems': '发现的问题',
    'enforcement.supervision.certs': '无效的执法证',
    'enforcement.decisions.title': '行政执法公示', 'enforcement.decisions.search': '输入关键词，如 食品、罚款、决定书文号',
    'enforcement.decisions.intro': '行政处罚决定自作出之日起7个工作日内公示（国办发〔2018〕118号）；决定被依法变更、撤销、确认违法或者确认无效的，'
      + '三个工作日内撤回（《行政处罚法》第四十八条）。个人信息已隐去。',
    'enforcement.decisions.go': '检索', 'enforcement.decisions.total': '共 {n} 条',
    'enforcement.decisions.gone': '该行政处罚决定未公示或已依法撤回。', 'enforcement.decisions.org': '执法机关', 'enforcement.decisions.docNo': '决定书文号',
    'enforcement.decisions.decidedOn': '决定日期', 'enforcement.decisions.publishedOn': '公示日期', 'enforcement.decisions.indexNo': '索引号',
  },
};
