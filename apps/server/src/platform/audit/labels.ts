/**
 * The audit log in words. Records keep their codes (`case.serve`, `user`, ids): they are what filters and the hash chain
 * use. Screens and exports show these labels: the spine's here, each module's from its manifest (`auditLabels`), a case
 * action by its workflow label, and the target by its name (a case's number, a user's name, an org's name).
 */
import type { ActionDef } from '@yifa/contracts';
import type { Conn } from '../db/client.ts';
import type { Registry } from '../registry.ts';

const SPINE_ACTIONS: Record<string, string> = {
  'auth.login': '登录', 'auth.logout': '退出登录', 'auth.password_changed': '修改密码',
  'user.create': '新建用户', 'user.import': '批量导入用户', 'user.grant': '授予岗位', 'user.revoke': '撤销岗位', 'user.unlock': '解除锁定',
  'user.active': '启用账号', 'user.disabled': '停用账号',
  'token.create': '签发接口令牌', 'token.revoke': '吊销接口令牌',
  'org.create': '新建机构', 'org.rename': '机构更名', 'org.move': '调整隶属关系', 'org.dissolve': '撤销机构', 'org.import': '批量导入机构',
  'designation.set': '指定法定职能机构', 'settings.save': '修改本县设置', 'calendar.load': '载入节假日安排', 'rules.set': '设定本县期限',
  'case.open': '登记办件', 'case.adopt': '接收办件', 'personal.reveal': '查看个人信息原文', 'file.upload': '上传附件',
  'document.issue': '制发文书', 'document.reprint': '补打文书', 'document.download': '下载文书', 'documents.template.save': '修改文书模板',
  'demo.seed': '生成示范数据',
  // the publication service's steps of a catalogue item (platform/publication)
  'disclosure.item.draft': '起草公开信息', 'disclosure.item.submit': '报送公开审核', 'disclosure.item.reject': '退回公开信息',
  'disclosure.item.publish': '公开信息', 'disclosure.item.revise': '更正公开信息', 'disclosure.item.withdraw': '撤回公开信息',
  'disclosure.item.abolish': '废止公开信息',
};
const SPINE_TARGETS: Record<string, string> = {
  case: '办件', user: '用户', org: '机构', region: '行政区', token: '接口令牌', settings: '设置', designation: '职能指定', case_party: '当事人',
  calendar: '节假日安排', rule: '期限规则', document_template: '文书模板', file: '附件', document: '文书', disclosure_item: '公开信息',
};

export interface AuditLabels { action(code: string): string; target(type: string): string }

/** The labels of every audit action and target type the platform and its modules write. */
export function auditLabels(registry: Registry): AuditLabels {
  const actions: Record<string, string> = { ...SPINE_ACTIONS };
  const targets: Record<string, string> = { ...SPINE_TARGETS };
  for (const m of registry.modules) {
    Object.assign(actions, m.auditLabels?.actions);
    Object.assign(targets, m.auditLabels?.targets);
  }
  // an act on a case: its workflow's label (the same act name reads the same in every workflow that has it)
  for (const t of registry.caseTypes.values()) {
    for (const acts of Object.values(t.workflow.transitions)) {
      for (const [name, a] of Object.entries(acts ?? {})) actions[`case.${name}`] ??= `办件：${(a as ActionDef<string>).label}`;
    }
  }
  return {
    action: (code) => actions[code] ?? code,
    target: (type) => targets[type] ?? type,
  };
}

/** Names of the targets of some audit records (case numbers, user and org names), read in one query per kind. */
export async function auditTargetNames(conn: Conn, rows: readonly { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId && /^[0-9a-f-]{36}$/i.test(r.targetId)).map((r) => r.targetId!))];
  const out = new Map<string, string>();
  const cases = ids('case'); const users = ids('user'); const orgs = ids('org');
  if (cases.length) for (const c of await conn.selectFrom('cases').select(['id', 'number']).where('id', 'in', cases).execute()) out.set(c.id, c.number);
  if (users.length) {
    for (const u of await conn.selectFrom('users').select(['id', 'username', 'displayName']).where('id', 'in', users).execute()) {
      out.set(u.id, u.displayName ? `${u.displayName}（${u.username}）` : u.username);
    }
  }
  if (orgs.length) for (const o of await conn.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgs).execute()) out.set(o.id, o.name);
  return out;
}
