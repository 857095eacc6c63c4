/** Strings of the 权责清单 and 政务服务事项 screens (console and portal). */
export const POWERS_STRINGS = {
  'zh-CN': {
    'powers.name': '权责清单',

    'powers.list.title': '权责清单', 'powers.list.search': '名称、编码或依据', 'powers.list.allTypes': '全部类型', 'powers.list.allLevels': '全部层级',
    'powers.list.count': '共 {n} 项', 'powers.list.history': '调整历史', 'powers.list.propose': '提出调整', 'powers.list.add': '新增',
    'powers.col.code': '编码', 'powers.col.name': '名称', 'powers.col.type': '类型', 'powers.col.org': '实施主体', 'powers.col.basis': '实施依据',
    'powers.col.article': '条款', 'powers.col.level': '层级', 'powers.col.delegated': '下放', 'powers.col.status': '状态', 'powers.col.townshipKind': '乡镇类别',
    'powers.col.delegable': '可下放', 'powers.col.duties': '责任事项',
    'powers.level.county': '县级', 'powers.level.township': '乡镇', 'powers.level.townshipKind': '乡镇（{kind}）',
    'powers.status.active': '有效', 'powers.status.suspended': '暂停', 'powers.status.abolished': '已取消',

    'powers.io.import': '导入 XLSX', 'powers.io.export': '导出 XLSX', 'powers.io.imported': '导入 {imported} 条，拒绝 {rejected} 条（共 {total} 行）',
    'powers.io.rejectedRow': '第 {row} 行：{errors}', 
    'powers.io.layout': '导入列：职权编码、职权名称、职权类型、实施主体编码、实施依据、依据条款、责任事项、层级、乡镇类别、可下放、下放日期、下放乡镇编码、生效日期',
    'powers.diff.title': '两日对比', 'powers.diff.range': '{from} → {to}', 'powers.diff.added': '新增', 'powers.diff.removed': '取消',
    'powers.diff.changed': '变更', 'powers.diff.fields': '{code} {name}（{fields}）',

    'powers.adjust.title': '权责清单调整', 'powers.adjust.kind': '调整类型', 'powers.adjust.effectiveOn': '生效日期', 'powers.adjust.reason': '调整理由',
    'powers.adjust.documentNo': '依据文号', 'powers.adjust.name': '新名称', 'powers.adjust.towns': '承接乡镇（街道）', 'powers.adjust.sent': '已提交，待审核',
    'powers.adjust.item': '权力事项', 'powers.adjust.proposer': '提出人', 'powers.adjust.status': '状态', 'powers.adjust.note': '审核意见',
    'powers.adjust.approve': '批准', 'powers.adjust.reject': '驳回',
    'powers.kind.add': '新增', 'powers.kind.modify': '变更', 'powers.kind.abolish': '取消', 'powers.kind.delegate': '下放', 'powers.kind.revoke_delegation': '收回下放',
    'powers.kind.import': '导入',
    'powers.adj.proposed': '待审核', 'powers.adj.approved': '已批准', 'powers.adj.rejected': '已驳回',

    'powers.services.title': '政务服务事项', 'powers.services.edit': '修改', 'powers.services.editTitle': '修改：{name}', 'powers.services.saved': '已保存',
    'powers.services.power': '所依职权', 'powers.services.statutory': '法定时限（工作日）', 'powers.services.promised': '承诺时限（工作日）',
    'powers.services.overStatutory': '承诺时限不能超过法定时限', 'powers.services.baseline': '精简前材料数', 'powers.services.fees': '收费',
    'powers.services.conditions': '受理条件', 'powers.services.place': '办理地点', 'powers.services.hours': '办理时间', 'powers.services.phone': '咨询电话',
    'powers.services.guide': '办事指南', 'powers.services.instant': '即办件', 'powers.services.online': '可网上办理', 'powers.services.materials': '材料',
    'powers.services.forms': '空白表格和示例样表', 'powers.services.forms.hint': '申请人在办事指南中下载；PDF、DOCX、XLSX、OFD 或图片，20 MB 以内，保存后生效',
    'powers.services.material': '材料', 'powers.services.blankForm': '空白表格', 'powers.services.sample': '示例样表',
    'powers.services.upload': '上传', 'powers.services.replace': '更换', 'powers.services.remove': '移除',
    'powers.services.upload.aria': '上传{name}的{what}', 'powers.services.remove.aria': '移除{name}的{what}',
    'powers.services.joint': '办理方式（行政许可法第二十六条）',
    'powers.services.joint.none': '本机关办理（法定时限不超过 {n} 个工作日，第四十二条第一款）',
    'powers.services.joint.hint': '统一、联合、集中办理的，法定时限不超过 {n} 个工作日，经本级人民政府负责人批准可延长 {ext} 个工作日（第四十二条第二款）',
    'powers.services.statutoryMax': '不超过 {n} 个工作日', 'powers.services.withMode': '{n}（{mode}）',

    'powers.portal.title': '权责清单', 'powers.portal.intro': '本县各部门、乡镇（街道）依法行使的行政权力及其依据、责任事项。',
    'powers.portal.search': '检索', 'powers.portal.keyword': '关键词', 'powers.portal.type': '职权类型', 'powers.portal.level': '层级', 'powers.portal.all': '全部',
    'powers.portal.results': '共 {n} 项',
  },
};
