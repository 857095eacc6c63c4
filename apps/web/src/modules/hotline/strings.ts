/** Strings of the 12345 hotline screens (console and portal). */
export const HOTLINE_STRINGS = {
  'zh-CN': {
    'hotline.name': '12345热线', 'hotline.nav': '12345热线', 'hotline.title': '12345热线 · 书记县长信箱',

    'hotline.submit.title': '12345 网上诉求', 'hotline.submit.mailboxTitle': '书记县长信箱',
    'hotline.submit.help': '非紧急事项请在此提交。紧急情况请拨打 110、119、120、122。提交后立即显示工单编号和办理期限。',
    'hotline.submit.go': '提交诉求', 'hotline.submit.done': '已受理', 'hotline.submit.number': '工单编号：', 'hotline.submit.due': '办理期限：',
    'hotline.submit.keep': '请记下编号，凭编号和电话查询进度、评价答复。',
    'hotline.field.type': '诉求类型', 'hotline.field.category': '事项分类', 'hotline.field.categorySearch': '输入关键词或拼音首字母筛选', 'hotline.field.choose': '请选择',
    'hotline.field.description': '诉求内容', 'hotline.field.address': '地址', 'hotline.field.township': '乡镇（街道）', 'hotline.field.name': '姓名',
    'hotline.field.phone': '联系电话', 'hotline.field.anonymous': '匿名提交（不留姓名）', 'hotline.field.confidential': '要求保密（举报人身份仅承办人员可见）',
    'hotline.field.title': '标题', 'hotline.field.required': '请填写{label}',

    'hotline.rate.title': '评价答复', 'hotline.rate.help': '收到答复后，请凭工单编号和提交时留的电话评价。', 'hotline.rate.number': '工单编号', 'hotline.rate.phone': '联系电话',
    'hotline.rate.satisfaction': '对答复是否满意', 'hotline.rate.resolved': '诉求是否已解决', 'hotline.rate.yes': '已解决', 'hotline.rate.no': '未解决',
    'hotline.rate.note': '意见（可选）',
    'hotline.rate.go': '提交评价', 'hotline.rate.done': '评价已记录，感谢您的监督。', 'hotline.rate.link': '评价答复',

    'hotline.files.label': '照片或材料（可选）', 'hotline.files.hint': '最多 {n} 个文件，每个不超过 {size}，支持 {types}。请勿上传与诉求无关的他人个人信息。',
    'hotline.files.tooMany': '最多上传 {n} 个文件，“{name}”未添加',
    'hotline.files.chosen': '已选择 {n} 个文件（最多 {max} 个）', 'hotline.files.remove': '移除', 'hotline.files.preview': '{name} 的预览',
    'hotline.map.title': '在地图上标出位置（选填）', 'hotline.map.label': '地图：拖动移动，点击标出诉求地点', 'hotline.map.zoomIn': '放大', 'hotline.map.zoomOut': '缩小',
    'hotline.map.hint': '点击地图标出位置；也可以只填写上面的地址。', 'hotline.map.chosen': '已标出位置：纬度 {lat}，经度 {lng}', 'hotline.map.clear': '清除位置',
    'hotline.files.choose': '选择照片或文件',
    'hotline.files.chooseMore': '继续添加', 'hotline.files.removeName': '移除 {name}', 'hotline.files.received': '已收到附件 {n} 个，仅承办人员可见。',

    'hotline.intake.title': '受理', 'hotline.intake.saved': '已登记工单 {number}', 'hotline.intake.open': '查看', 'hotline.intake.channel': '渠道',
    'hotline.intake.urgency': '紧急程度', 'hotline.intake.limit': '默认时限 {n}{unit}，主办：{org}', 'hotline.intake.catHelp': '输入名称、关键词或拼音首字母（如 dlps）',
    'hotline.intake.dispatchOrAnswer': '派单或即时答复', 'hotline.intake.lead': '主办单位', 'hotline.intake.assist': '协办单位',
    'hotline.intake.answer': '即时答复内容（咨询当场答复时填写）', 'hotline.intake.registerDispatch': '登记并派单', 'hotline.intake.instant': '即时答复办结',
    'hotline.intake.registerOnly': '仅登记', 'hotline.intake.keys': 'Ctrl+Enter 登记并派单（填写答复时为即时答复）',
    'hotline.intake.dups': '疑似重复工单', 'hotline.intake.noDups': '未发现重复', 'hotline.intake.merge': '登记并并入此单', 'hotline.intake.kb': '知识库答复口径',
    'hotline.intake.noKb': '输入诉求内容后自动检索', 'hotline.intake.useAnswer': '采用',
    'hotline.intake.stepFailed': '已登记工单 {number}，但“{step}”未完成：{error}。可改正后重试，或在工单页办理。',
    'hotline.intake.step.merge': '并单', 'hotline.intake.step.instant_answer': '即时答复', 'hotline.intake.step.dispatch': '派单',
    'hotline.channel.phone': '电话', 'hotline.channel.web': '网站', 'hotline.channel.mailbox': '书记县长信箱',
    'hotline.urgency.normal': '一般', 'hotline.urgency.high': '紧急', 'hotline.urgency.urgent': '特急',

    'hotline.tickets.title': '工单', 'hotline.tickets.search': '编号、内容或事项', 'hotline.tickets.number': '工单编号', 'hotline.tickets.subject': '标题',
    'hotline.tickets.state': '状态', 'hotline.tickets.due': '期限', 'hotline.tickets.returnReason': '退单理由', 'hotline.tickets.supervised': '督办',
    'hotline.view.to_sign': '本单位待签收', 'hotline.view.handling': '本单位办理中', 'hotline.tickets.batchSign': '批量签收', 'hotline.tickets.batchDispatch': '批量派单',
    'hotline.tickets.batchDispatchHelp': '将所选 {n} 件待派单工单派给同一主办单位（每件单独派单；已派出或不在待派单状态的工单不受影响，结果逐件列出）。',
    'hotline.view.board': '调度台', 'hotline.view.returns': '退单争议', 'hotline.view.callbacks': '待回访', 'hotline.view.overdue': '逾期',
    'hotline.view.yellow': '黄牌', 'hotline.view.red': '红牌', 'hotline.view.supervised': '督办', 'hotline.view.all': '全部工单',

    'hotline.stats.title': '热线统计', 'hotline.stats.line': '渠道', 'hotline.stats.line.hotline': '12345热线', 'hotline.stats.line.mailbox': '书记县长信箱',
    'hotline.stats.hotspots': '热点（与上一同长期间相比上升）', 'hotline.stats.keywords': '高频词',

    'hotline.catalog.title': '派单目录', 'hotline.catalog.saved': '已保存派单目录事项', 'hotline.catalog.edit': '新增 / 修改事项（点击左侧行可编辑）',
    'hotline.catalog.code': '编码', 'hotline.catalog.name': '名称', 'hotline.catalog.initials': '拼音首字母', 'hotline.catalog.org': '主办单位',
    'hotline.catalog.limit': '默认时限', 'hotline.catalog.facts': '必填要素', 'hotline.catalog.configurable': '可配置', 'hotline.catalog.parentCode': '上级编码',
    'hotline.catalog.leafOrg': '主办单位（末级事项）', 'hotline.catalog.limitRule': '办理时限规则', 'hotline.catalog.keywords': '关键词（逗号分隔）',
    'hotline.catalog.rule': '{label}（{n}{unit}）',

    'hotline.kb.title': '知识库', 'hotline.kb.search': '检索问题、答复或关键词', 'hotline.kb.new': '新增条目', 'hotline.kb.add': '新增知识库条目',
    'hotline.kb.revise': '修订（当前第 {version} 版；保存为新版本，旧版本保留）', 'hotline.kb.history': '版本历史', 'hotline.kb.versionN': '第 {version} 版',
    'hotline.kb.question': '问题', 'hotline.kb.answer': '答复口径', 'hotline.kb.basis': '依据', 'hotline.kb.keywords': '关键词（逗号分隔）',
    'hotline.kb.category': '适用事项', 'hotline.kb.version': '版本', 'hotline.kb.editedAt': '修订时间', 'hotline.kb.saveRevision': '保存为新版本',
    'hotline.kb.saved': '已保存（第 {version} 版）',
  },
};
