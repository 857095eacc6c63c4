/** Strings of the 行政审批 screens: window intake, queue, 情景式服务, statistics; the portal's 办事指南 and scenarios. */
export const APPROVALS_STRINGS = {
  'zh-CN': {
    'approvals.name': '行政审批',

    'approvals.intake.title': '窗口收件', 'approvals.intake.service': '办理事项', 'approvals.intake.pick': '请选择事项（可输入名称检索）',
    'approvals.intake.materials': '材料清单（勾选已收材料）', 'approvals.intake.missing': '缺 {n} 项材料：受理前须一次性告知补正', 'approvals.intake.complete': '材料齐全',
    'approvals.intake.applicant': '申请人', 'approvals.intake.name': '申请人', 'approvals.intake.phone': '联系电话', 'approvals.intake.idNo': '身份证号 / 统一社会信用代码',
    'approvals.intake.kind': '申请人类型', 'approvals.intake.person': '个人', 'approvals.intake.org': '法人或其他组织', 'approvals.intake.submit': '收件',
    'approvals.intake.done': '已收件：{number}', 'approvals.intake.limits': '法定时限 {s} 个工作日，承诺 {p} 个工作日', 'approvals.intake.instant': '即办件（当场办结）',
    'approvals.intake.serviceOf': '{name}（{org}）',

    'approvals.queue.title': '办件队列', 'approvals.queue.allStates': '全部状态',
    'approvals.col.number': '编号', 'approvals.col.item': '事项', 'approvals.col.org': '机构', 'approvals.col.channel': '渠道', 'approvals.col.state': '状态',
    'approvals.col.trips': '跑动次数', 'approvals.col.corrections': '补正', 'approvals.col.due': '期限', 'approvals.col.received': '收件时间',
    'approvals.channel.window': '窗口', 'approvals.channel.online': '网上',

    'approvals.scenarios.title': '情景式服务', 'approvals.scenarios.name': '情景名称', 'approvals.scenarios.desc': '说明', 'approvals.scenarios.services': '包含的事项（至少 2 个）',
    'approvals.scenarios.create': '新建情景', 'approvals.scenarios.created': '已创建，合并后材料 {n} 项', 'approvals.scenarios.example': '例如：我要开餐饮店',
    'approvals.scenarios.included': '包含事项', 'approvals.scenarios.materials': '材料',

    'approvals.stats.title': '审批统计',

    'approvals.portal.services': '办事指南', 'approvals.portal.servicesIntro': '查询事项的办理条件、所需材料、办理时限和收费标准，可在线申请。',
    'approvals.portal.search': '检索', 'approvals.portal.keyword': '关键词',
    'approvals.portal.conditions': '受理条件', 'approvals.portal.place': '办理地点', 'approvals.portal.hours': '办理时间', 'approvals.portal.phone': '咨询电话',
    'approvals.portal.handler': '办理机构', 'approvals.portal.basis': '实施依据', 'approvals.portal.statutory': '法定时限', 'approvals.portal.promised': '承诺时限',
    'approvals.portal.wd': '{n} 个工作日', 'approvals.portal.instant': '即办（当场办结）', 'approvals.portal.fees': '收费', 'approvals.portal.materials': '申请材料',
    'approvals.portal.blankForm': '下载空白表格', 'approvals.portal.sample': '下载示例样表',
    'approvals.portal.blankForm.aria': '下载{name}的空白表格（{size}）', 'approvals.portal.sample.aria': '下载{name}的示例样表（{size}）',
    'approvals.portal.guide': '办理流程',
    'approvals.portal.joint': '{mode}：多个部门联合办理，法定时限不超过 {n} 个工作日，经本级人民政府负责人批准可延长 {ext} 个工作日（《行政许可法》第二十六条、第四十二条第二款）',
    'approvals.portal.apply': '在线申请', 'approvals.portal.applyName': '申请人姓名或单位名称', 'approvals.portal.applyPhone': '手机号（用于查询和评价）',
    'approvals.portal.applyIdNo': '身份证号（选填）', 'approvals.portal.have': '我已准备的材料',
    'approvals.portal.uploadHint': '可为每项材料上传一个文件（{types}，每个不超过 {size}），也可到窗口提交原件。',
    'approvals.portal.uploadFor': '上传“{name}”', 'approvals.portal.saveDraft': '保存草稿',
    'approvals.portal.draftRestored': '已恢复本机保存的草稿（已选的文件不会保存，请重新选择）。', 'approvals.portal.submit': '提交申请',
    'approvals.portal.done': '已提交。办件编号：{number}。请保存编号，用于查询进度和评价。', 'approvals.portal.offline': '该事项暂不支持网上申请，请到政务服务大厅窗口办理。',
    'approvals.portal.scenarios': '情景式服务', 'approvals.portal.scenariosIntro': '一件事一次办：填写一张表单、提交一套材料，多个事项并联办理。',
    'approvals.portal.scenarioApply': '一次申请全部事项', 'approvals.portal.scenarioDone': '已提交。情景办件编号：{number}', 'approvals.portal.bundleStatus': '合并办理状态',
    'approvals.portal.bundleTrack': '查询情景办件', 'approvals.portal.bundle': '情景办件',
  },
};
