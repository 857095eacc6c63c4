/** Console strings of the hotline module (zh-CN), merged into the shared dictionary. */
import { zhCN } from '../../../lib/i18n-zh.ts';
import '../../../portal/hotline/strings.ts';

Object.assign(zhCN, {
  'nav.hotline': '12345热线',
  'hlc.title': '12345热线 · 书记县长信箱',
  'hlc.tab.intake': '受理', 'hlc.tab.board': '调度台', 'hlc.tab.returns': '退单争议', 'hlc.tab.callbacks': '待回访', 'hlc.tab.overdue': '逾期',
  'hlc.tab.yellow': '黄牌', 'hlc.tab.red': '红牌', 'hlc.tab.supervised': '督办', 'hlc.tab.all': '全部工单', 'hlc.tab.stats': '统计', 'hlc.tab.catalog': '派单目录',
  'hlc.saved': '已登记工单 {number}', 'hlc.open': '查看', 'hlc.channel': '渠道', 'hlc.urgency': '紧急程度',
  'hlc.limit': '默认时限 {n}{unit}，主办：{org}', 'hlc.catHelp': '输入名称、关键词或拼音首字母（如 dlps）',
  'hlc.dispatchOrAnswer': '派单或即时答复', 'hlc.lead': '主办单位', 'hlc.assist': '协办单位', 'hlc.answer': '即时答复内容（咨询当场答复时填写）',
  'hlc.registerDispatch': '登记并派单', 'hlc.instant': '即时答复办结', 'hlc.registerOnly': '仅登记', 'hlc.keys': 'Ctrl+Enter 登记并派单（填写答复时为即时答复）',
  'hlc.dups': '疑似重复工单', 'hlc.noDups': '未发现重复', 'hlc.merge': '登记并并入此单', 'hlc.kb': '知识库答复口径', 'hlc.noKb': '输入诉求内容后自动检索', 'hlc.useAnswer': '采用',
  'hlc.search': '编号、内容或事项', 'hlc.number': '工单编号', 'hlc.title2': '标题', 'hlc.state': '状态', 'hlc.due': '期限', 'hlc.returnReason': '退单理由',
  'hlc.hotspots': '热点（与上一同长期间相比上升）', 'hlc.keywords': '高频词', 'hlc.catSaved': '已保存派单目录事项', 'hlc.catEdit': '新增 / 修改事项（点击左侧行可编辑）',
  'hlc.state.registered': '已受理待派单', 'hlc.state.dispatched': '已派单待签收', 'hlc.state.returned': '退单待审核', 'hlc.state.handling': '办理中',
  'hlc.state.extension_requested': '延期审批中', 'hlc.state.replied': '已答复待反馈', 'hlc.state.callback_pending': '待回访', 'hlc.state.called_back': '已回访',
  'hlc.state.merged': '已并单', 'hlc.state.closed': '已办结',
  'hlc.tab.kb': '知识库', 'hlc.kbAdmin.search': '检索问题、答复或关键词', 'hlc.kbAdmin.new': '新增条目', 'hlc.kbAdmin.add': '新增知识库条目',
  'hlc.kbAdmin.revise': '修订（当前第 {version} 版；保存为新版本，旧版本保留）', 'hlc.kbAdmin.history': '版本历史', 'hlc.kbAdmin.versionN': '第 {version} 版',
  'hlc.kbAdmin.question': '问题', 'hlc.kbAdmin.answer': '答复口径', 'hlc.kbAdmin.basis': '依据', 'hlc.kbAdmin.keywords': '关键词（逗号分隔）',
  'hlc.kbAdmin.category': '适用事项', 'hlc.kbAdmin.version': '版本', 'hlc.kbAdmin.editedAt': '修订时间', 'hlc.kbAdmin.saveRevision': '保存为新版本',
  'hlc.kbAdmin.saved': '已保存（第 {version} 版）',
  'hlc.tab.settings': '热线设置', 'hlc.settings.title': '本县热线设置（修改留痕）', 'hlc.settings.saved': '热线设置已保存',
  'hlc.settings.default': '本县尚未保存设置，正在使用平台默认值', 'hlc.settings.county': '本县设置（第 {version} 版）',
  'hlc.settings.basis': '依据：{basis}。平台默认：{def}', 'hlc.settings.unsourced': '无出处（unsourced），可配置',
});
