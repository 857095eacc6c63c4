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
  },
};
