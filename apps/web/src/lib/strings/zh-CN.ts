/** The spine's zh-CN strings (complete). Module strings live in apps/web/src/modules/<id>/strings.ts. */
export const ZH_CN: Record<string, string> = {
  'app.name': '依法', 'app.mark': '依', 'app.consoleTitle': '依法 · 法治政府运行平台',

  'header.userMenu': '用户菜单',

  'common.close': '关闭', 'common.delete': '删除', 'common.exportXlsx': '导出 XLSX', 'common.exported': '已导出：{name}', 'common.filter': '筛选',
  'common.reset': '重置', 'common.loadMore': '加载更多', 'common.noMore': '没有更多了', 'common.loading': '查询中…',
  'common.networkError': '网络连接失败，请检查网络后重试', 'common.requestFailed': '请求失败', 'common.required': '请填写{label}', 'common.json': '（JSON）',
  'common.pageNotFound': '页面不存在', 'common.save': '保存', 'common.saved': '已保存', 'common.submit': '提交', 'common.yes': '是', 'common.no': '否',
  'common.forbidden': '您没有打开此页面的权限', 'common.forbiddenHelp': '如需使用，请联系本单位管理员授予相应角色。',   
  'portal.title': '政务服务', 'portal.skip': '跳到主要内容', 'portal.largeText': '大字模式', 'portal.nav': '主导航', 'portal.home': '首页',
  'portal.countyPlaceholder': '县人民政府', 'portal.welcome': '欢迎访问{county}政务服务', 'portal.intro': '提交诉求、查询办理进度、查阅政府公开信息。无需登录。', 'portal.entries': '服务入口',
  'portal.infoError': '暂时无法获取本县信息，请稍后刷新。', 'portal.notFound': '页面不存在', 'portal.backHome': '返回首页', 'portal.footer': '本网站不收集与办理无关的个人信息。查询结果不包含任何个人信息。',
  'portal.staff': '工作人员登录', 'portal.track.title': '查询办理进度', 'portal.track.help': '请输入受理回执上的办件编号和查询码（或提交时留下的联系电话）。',
  'portal.track.label': '办件编号', 'portal.track.placeholder': '例如 HG-2026-000123', 'portal.track.hint': '编号由字母、数字和短横线组成，不区分大小写。',
  'portal.track.submit': '查询', 'portal.track.empty': '请输入办件编号',
  'portal.track.code': '查询码', 'portal.track.phone': '或：提交时留下的联系电话', 'portal.track.codeHint': '查询码为受理回执上的 8 位字母数字；没有查询码的，请填写提交时留下的联系电话。',
  'portal.track.needFactor': '请输入回执上的查询码，或提交时留下的联系电话', 'portal.track.confidential': '该事项依申请人要求保密，仅显示办理状态。',
  'portal.track.codeLabel': '查询码（请妥善保存）：', 'portal.track.notFound': '编号与查询码或联系电话不符，请核对后重新输入。', 'portal.track.state': '当前状态',
  'portal.track.org': '承办单位', 'portal.track.filedOn': '受理日期', 'portal.track.closedAt': '办结时间', 'portal.track.deadlines': '办理期限',
  'portal.track.dueDate': '法定期限届满日', 'portal.track.howComputed': '期限是怎么算的', 'portal.track.timeline': '办理过程',

  'clock.status.running': '计时中', 'clock.status.paused': '已暂停计时', 'clock.status.stopped': '已停止', 'clock.status.unknown': '无法计算',
  'clock.stoppedOnTime': '按期办结', 'clock.stoppedLate': '超期办结', 'clock.basis': '依据', 'clock.dueDate': '期限届满日', 'clock.remaining': '剩余',
  'clock.overdue': '已超期', 'clock.kind.statutory': '法定时限', 'clock.kind.promised': '承诺时限', 'clock.kind.local': '本地规定',
  'clock.unit.workdays': '个工作日', 'clock.unit.days': '日', 'clock.unit.hours': '小时', 'clock.notSourced': '本地默认值，无全国统一规定',
  'clock.unknownYear': '{year} 年节假日安排尚未载入，暂无法计算到期日',

  'level.normal': '正常', 'level.yellow': '黄牌', 'level.red': '红牌',

  'login.title': '工作人员登录', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录', 'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码', 'login.failed': '登录失败', 'login.locked': '账号已锁定', 'login.expired': '登录已超时，请重新登录', 'login.loggedOut': '已退出登录',
  'login.logout': '退出',

  'pw.title': '修改密码', 'pw.current': '当前密码', 'pw.new': '新密码', 'pw.confirm': '确认新密码', 'pw.mismatch': '两次输入的新密码不一致', 'pw.hint': '密码规则以服务器校验为准。',
  'pw.done': '密码已修改',

  'nav.work': '工作台', 'nav.dashboard': '领导驾驶舱', 'nav.admin': '系统管理', 'nav.orgs': '机构', 'nav.users': '用户', 'nav.tokens': 'API 令牌',
  'nav.calendar': '节假日', 'nav.audit': '审计日志', 'nav.settings': '本县设置', 'nav.group.services': '政务服务', 'nav.designations': '机构职能指定',
  'nav.documents': '文书模板',

  'module.spine': '平台综合',

  'work.title': '待办案件（按期限排序）', 'work.titleAll': '全部案件（按期限排序）', 'work.scope': '范围', 'work.scope.mine': '待我办理', 'work.scope.all': '全部案件',
  'work.withClosed': '含已办结', 'work.totalAll': '案件总数', 'work.total': '待办总数', 'work.search': '编号或标题', 'work.type': '类型', 'work.state': '状态',
  'work.org': '机构', 'work.level': '预警', 'work.overdue': '仅看已超期', 'work.dueAt': '期限', 'work.new': '新建', 'work.chooseType': '选择要新建的案件类型',
  'work.created': '已登记 {number}',

  'case.number': '编号', 'case.title': '标题', 'case.filedOn': '受理日期', 'case.closedAt': '办结时间', 'case.facts': '基本情况', 'case.parties': '当事人',
  'case.partyRole': '身份', 'case.partyName': '姓名/名称', 'case.partyPhone': '电话', 'case.partyIdNo': '证件号码', 'case.partyAddress': '地址',
  'case.reveal': '查看', 'case.revealTitle': '查看完整个人信息', 'case.revealWarn': '本次查看将记入审计日志，仅限办理需要。确定查看？', 'case.confidential': '保密', 'case.files': '附件',
  'case.upload': '上传附件', 'case.uploaded': '已上传', 'case.noFiles': '暂无附件', 'case.clocks': '期限', 'case.noClocks': '没有计时中的期限', 'case.timeline': '办理过程',
  'case.internal': '内部',
  'case.recordLate': '补录：按实际发生时间登记', 'case.occurredAt': '实际发生时间',
  'case.occurredAtHint': '纸质办理后补录的，填写实际办理（收到）的时间；期限、统计和文书按该时间计算，系统同时记录补录人和补录时间。不填即为现在。',
  'case.recordedLate': '补录于 {at}', 'case.noActions': '当前没有您可以执行的操作', 'case.closed': '已办结', 'case.confirmAction': '确定执行“{action}”？',
  'case.actionDone': '已完成：{action}', 'case.orgRole.owner': '主办', 'case.orgRole.lead': '牵头', 'case.orgRole.assist': '协办',
  'case.orgRole.supervise': '督办',

  'fact.days': '{n} 日', 'fact.workdays': '{n} 个工作日',

  'party.applicant': '申请人', 'party.caller': '来电人', 'party.reporter': '举报人', 'party.complainant': '投诉人', 'party.respondent': '被申请人',

  'import.title': '导入', 'import.choose': '选择 CSV / XLSX 文件', 'import.summary': '共 {total} 行，导入 {imported} 行，退回 {rejected} 行', 'import.row': '行号',
  'import.column': '列', 'import.message': '问题',

  'org.create': '新建机构', 'org.rename': '更名', 'org.move': '调整隶属', 'org.pick': '请选择机构', 'org.code': '机构编码', 'org.kind': '类别',
  'org.regionCode': '行政区划代码', 'org.creditCode': '统一社会信用代码', 'org.establishedOn': '成立日期', 'org.history': '沿革', 'org.name': '名称', 'org.newName': '新名称',
  'org.parent': '上级机构', 'org.newParent': '新的上级机构', 'org.effectiveFrom': '生效日期', 'org.reason': '原因（文件依据）',
  'org.importHelp': '首行为列名：编码, 名称, 类型（人民政府/部门/乡镇街道/村社区/其他机构）, 上级编码, 行政区划代码, 统一社会信用代码, 成立日期（YYYY-MM-DD）。上级可在同一文件的前面几行。每行的问题会列出，其余行照常导入。',

  'user.create': '新建用户', 'user.username': '用户名', 'user.displayName': '姓名', 'user.status': '状态', 'user.status.active': '正常',
  'user.status.disabled': '停用', 'user.locked': '锁定中', 'user.grants': '角色授权', 'user.grant': '授权', 'user.role': '角色', 'user.subtree': '（含下级）',
  'user.subtreeLabel': '同时适用于下级机构', 'user.revokeConfirm': '撤销该授权？', 'user.revoked': '已撤销授权', 'user.search': '搜索用户', 'user.initialPassword': '初始密码',
  'user.initialPasswordHelp': '至少 10 位，含大写字母、小写字母、数字、符号中的三类，不含用户名。请当面或经安全渠道告知本人；首次登录后须修改。', 'user.passwordRequired': '请设置初始密码', 'user.org': '所属机构',
  'user.orgRequired': '请选择所属机构', 'user.phone': '手机（选填）', 'user.initialRole': '初始角色（授予所属机构，选填）', 'user.created': '已创建用户 {username}。首次登录后须修改初始密码。',
  'user.importHelp': '首行为列名：用户名, 姓名, 机构编码, 角色（多个用顿号分隔）, 含下级（是/否）, 手机, 初始密码。每行的问题会列出，其余行照常导入。',

  'token.create': '新建令牌', 'token.name': '名称', 'token.scopes': '权限范围', 'token.scopesHelp': '令牌只能做所选范围内、且签发人本身有权做的事。',
  'token.scope.cases:read': '查看案件（cases:read）', 'token.scope.cases:write': '查看并登记案件（cases:write）', 'token.scope.metrics:read': '查看统计（metrics:read）',
  'token.scope.admin': '系统管理（admin）', 'token.scope.open311': '12345 对接（open311）', 'token.prefix': '前缀', 'token.owner': '签发给',
  'token.scopesRequired': '至少选择一个权限范围', 'token.expiresAt': '到期时间', 'token.never': '不过期', 'token.lastUsedAt': '最近使用', 'token.revoked': '已吊销',
  'token.active': '有效', 'token.revoke': '吊销', 'token.revokeConfirm': '吊销后使用该令牌的系统将立即无法访问。确定？', 'token.once': '请立即复制令牌：它只显示这一次，服务器只保存其摘要。',
  
  'cal.year': '年份', 'cal.month': '{m}月', 'cal.notLoaded': '未载入', 'cal.notLoadedTitle': '{year} 年节假日安排未载入',
  'cal.notLoadedHelp': '国务院办公厅发布该年放假安排通知后，点击右上角“载入”录入。未载入前，跨入该年的期限无法计算。', 'cal.load': '载入 {year} 年安排',
  'cal.loadHelp': '按国务院办公厅通知逐项录入。日期格式 MM-DD，连续假期写作 MM-DD..MM-DD。载入后，在办案件的期限将重新计算。', 'cal.notice': '通知文号与标题',
  'cal.noticePlaceholder': '国办发明电〔20XX〕X号 关于……部分节假日安排的通知', 'cal.source': '来源网址', 'cal.holidays': '放假安排', 'cal.holidayName': '节日名称',
  'cal.holidayDays': '放假日期', 'cal.addHoliday': '添加一项放假安排', 'cal.workdays': '调休上班日', 'cal.workdaysHelp': '周末调为工作日的日期，如 09-28。',
  'cal.kind.holiday': '放假', 'cal.kind.makeup_workday': '调休上班', 'cal.weekend': '周末', 'cal.weekdays': '一,二,三,四,五,六,日',
  'cal.loadedResult': '已载入：放假 {holidays} 天，调休上班 {workdays} 天，重新计算期限 {clocks} 个',

  'audit.verify': '校验哈希链', 'audit.action': '操作', 'audit.actor': '操作人', 'audit.time': '时间', 'audit.targetType': '对象类型', 'audit.targetId': '对象 ID', 'audit.target': '对象', 'audit.targetRecord': '（记录）',
  'audit.table': '表', 'audit.progress': '已校验 {done} / {total} 条', 'audit.ok': '校验通过：{checked} 条记录的哈希链完整，未发现篡改。',
  'audit.broken': '发现 {n} 处问题：记录可能被篡改或删除',

  'dash.period': '统计期间', 'dash.allOrgs': '全县（全部机构）', 'dash.allModules': '全部业务', 'dash.groupBy': '分组', 'dash.fraction': '{n} / {d}',
  'dash.drill': '明细', 'dash.none': '暂无指标', 'dash.org': '统计范围（机构）', 'dash.module': '业务', 'dash.total': '共 {n} 条', 'dash.showAll': '显示全部指标',
  'dash.onlyThese': '只显示 {n} 项指标', 'dash.openInDashboard': '在领导驾驶舱中打开',

  'period.named': '常用期间', 'period.custom': '自定义期间',

  'settings.title': '本县设置', 'settings.help': '各业务模块可由本县设定的取值。每项列出依据（法律法规条款，或"本地默认值，无全国出处"）和平台默认值；每次保存为一个新版本，历史版本保留，修改留痕。',
  'settings.basis': '依据：{basis}', 'settings.default': '平台默认：{value}', 'settings.source.default': '本县尚未设定，正在使用平台默认值',
  'settings.source.county': '本县设置：第 {version} 版（{at}，{by}）', 'settings.reason': '修改原因（选填，记入历史）', 'settings.saved': '已保存为第 {version} 版',
  'settings.conflict': '设置已被他人修改，已载入最新版本，请核对后重新保存', 'settings.history': '历次修改', 'settings.version': '第 {version} 版',
  'settings.none': '没有可设置的项目', 'settings.empty': '尚无修改记录',

  'designation.title': '机构职能指定', 'designation.help': '本县由哪个机构承担法定职能（司法局、行政审批局、12345 热线工作机构等）。指定自某日起生效，原指定于该日终止，历史保留。', 'designation.role': '职能',
  'designation.current': '现行指定', 'designation.since': '自 {date} 起', 'designation.none': '尚未指定', 'designation.basis': '法定依据',
  'designation.designate': '指定', 'designation.org': '机构', 'designation.kinds': '可选机构类型：{kinds}', 'designation.validFrom': '生效日期',
  'designation.document': '指定文件（文号或会议纪要，选填）', 'designation.saved': '已指定：{org}', 'designation.to': '至 {date}',
  'designation.setBy': '{name} 于 {at} 登记',

  'doc.panel': '文书', 'doc.mayIssue': '可出具的文书', 'doc.issued': '已出具的文书', 'doc.others': '其他文书（尚不能出具，悬停查看原因）',
  'doc.noneReady': '当前没有待出具的文书', 'doc.none': '该类案件没有需要出具的文书', 'doc.noneIssued': '尚未出具文书',
  'doc.issue': '出具', 'doc.issueTitle': '出具{label}', 'doc.issueConfirm': '将按本县模板生成{label}并取得文号。文号一经取得不再收回，文书存档后不能修改（可补打）。确定出具？',
  'doc.issuedOk': '已出具：{number}', 'doc.after': '在"{steps}"之后出具', 'doc.noRole': '您的岗位不出具此文书', 'doc.kind': '文书', 'doc.number': '文号',
  'doc.issuedAt': '出具', 'doc.prints': '补打', 'doc.printsN': '{n} 次', 'doc.docx': 'DOCX', 'doc.pdf': 'PDF', 'doc.reprint': '补打',
  'doc.reprintTitle': '补打 {number}', 'doc.reprintHelp': '补打件为存档原件加注"补打件（第 N 次补打）"、补打时间和人员，补打留痕。',
  'doc.reprintFormat': '格式', 'doc.reprintReason': '补打原因（选填）', 'doc.reprinted': '已补打（第 {n} 次）', 'doc.sm3': '原件 SM3：{sm3}',
  'doc.noPdf': '本服务器未安装 LibreOffice，只能下载 DOCX（打印前请用办公软件打开）。',

  'doc.admin.title': '文书模板', 'doc.admin.help': '各业务的文书（受理通知书、决定书、回复单等）按本县模板和文号规则出具。每次保存为一个新版本，历史版本保留，修改留痕；已出具的文书不受影响。',
  'doc.admin.kind': '文书', 'doc.admin.module': '业务', 'doc.admin.basis': '依据', 'doc.admin.source.default': '模块默认模板',
  'doc.admin.source.county': '本县第 {version} 版（{at}，{by}）', 'doc.admin.titleField': '标题', 'doc.admin.docNo': '文号规则',
  'doc.admin.docNoHelp': '{year} 为年份，{n} 为顺序号（按文书种类、出具机关、年度连续编号，不跳号），如 示审批受字〔{year}〕{n}号。',
  'doc.admin.byOrg': '按机关设定的文号规则', 'doc.admin.byOrgHelp': '有自己代字的机关（如市场监管局）可另设文号规则；未设的机关用上面的规则。', 'doc.admin.addOrg': '添加机关',
  'doc.admin.byOrgExample': '如 示市监许受字〔{year}〕{n}号',
  'doc.admin.org': '机关', 'doc.admin.body': '正文',
  'doc.admin.bodyHelp': '每行一段。"一、"开头为一级标题（黑体），"（一）"开头为二级标题（楷体），">"开头顶格（如称呼），"| 甲 | 乙 |"为表格行。{{名称}} 为占位符，点击下方占位符插入。',
  'doc.admin.placeholders': '可用的占位符', 'doc.admin.steps': '出具步骤：{type}，在“{steps}”之后',
  'doc.admin.reason': '修改原因（选填，记入历史）', 'doc.admin.saved': '已保存为第 {version} 版',
  'doc.admin.conflict': '模板已被他人修改，已载入最新版本，请核对后重新保存', 'doc.admin.history': '历次修改', 'doc.admin.version': '第 {version} 版',
  'doc.admin.empty': '尚无修改记录', 'doc.admin.preview': '预览（示例取值）', 'doc.admin.sampleDocx': '下载样稿 DOCX', 'doc.admin.samplePdf': '下载样稿 PDF',
  'doc.admin.restore': '恢复为模块默认', 'doc.admin.problems': '模板有误，保存前请修改：', 'doc.admin.signer': '署名',
};
