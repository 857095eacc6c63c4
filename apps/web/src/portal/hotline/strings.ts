/** Hotline strings (zh-CN), merged into the shared dictionary so that t() finds them. */
import { zhCN } from '../../lib/i18n-zh.ts';

export const HOTLINE_ZH: Record<string, string> = {
  'hl.submit.title': '12345 网上诉求',
  'hl.mailbox.title': '书记县长信箱',
  'hl.submit.help': '非紧急事项请在此提交。紧急情况请拨打 110、119、120、122。提交后立即显示工单编号和办理期限。',
  'hl.f.type': '诉求类型', 'hl.f.category': '事项分类', 'hl.f.categorySearch': '输入关键词或拼音首字母筛选', 'hl.f.choose': '请选择',
  'hl.f.description': '诉求内容', 'hl.f.address': '地址', 'hl.f.township': '乡镇（街道）', 'hl.f.name': '姓名', 'hl.f.phone': '联系电话',
  'hl.f.anonymous': '匿名提交（不留姓名）', 'hl.f.confidential': '要求保密（举报人身份仅承办人员可见）', 'hl.f.title': '标题',
  'hl.submit.go': '提交诉求', 'hl.submit.done': '已受理', 'hl.submit.number': '工单编号：', 'hl.submit.due': '办理期限：', 'hl.submit.keep': '请记下编号，凭编号和电话查询进度、评价答复。',
  'hl.rate.title': '评价答复', 'hl.rate.help': '收到答复后，请凭工单编号和提交时留的电话评价。', 'hl.rate.number': '工单编号', 'hl.rate.phone': '联系电话',
  'hl.rate.satisfaction': '对答复是否满意', 'hl.rate.resolved': '诉求是否已解决', 'hl.rate.yes': '已解决', 'hl.rate.no': '未解决', 'hl.rate.note': '意见（可选）',
  'hl.files.label': '照片或材料（可选）', 'hl.files.hint': '最多 {n} 个文件，每个不超过 {size}，支持 {types}。请勿上传与诉求无关的他人个人信息。',
  'hl.files.tooMany': '最多上传 {n} 个文件，“{name}”未添加', 'hl.files.tooBig': '“{name}”超过 {size}，未添加', 'hl.files.badType': '“{name}”不是 {types} 文件，未添加',
  'hl.files.empty': '“{name}”是空文件，未添加', 'hl.files.chosen': '已选择 {n} 个文件（最多 {max} 个）', 'hl.files.remove': '移除', 'hl.files.choose': '选择照片或文件', 'hl.files.chooseMore': '继续添加', 'hl.files.removeName': '移除 {name}',
  'hl.files.received': '已收到附件 {n} 个，仅承办人员可见。',
  'hl.rate.go': '提交评价', 'hl.rate.done': '评价已记录，感谢您的监督。', 'hl.nav': '网上诉求', 'hl.rate.link': '评价答复',
};
Object.assign(zhCN, HOTLINE_ZH);
