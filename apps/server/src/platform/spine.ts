/**
 * The spine's own manifest: its migrations, the base roles, the permissions its routes check, the
 * designations every county needs, the publication rule, the spine metrics and its system actor.
 * Registered first, like a module (see registry.ts).
 */
import path from 'node:path';
import { Roles } from '@yifa/contracts';
import type { ModuleManifest } from './registry.ts';
import type { PermissionDef, RouteAccess } from './authz.ts';
import { PUBLICATION_RULES } from './publication/publication.ts';
import { SPINE_SETTINGS } from './spine-settings.ts';
import { documentRoutes, DOCUMENT_ROUTE_ACCESS } from './documents/routes.ts';
import { NOTICE_SETTINGS } from './notifications/notices.ts';
import { MAP_SETTINGS } from './map-settings.ts';
import { outboxRoutes, OUTBOX_ROUTE_ACCESS } from './notifications/outbox.routes.ts';
import { CONSULTATION_AUDIT, CONSULTATION_ROUTE_ACCESS, consultationRoutes } from './consultations/routes.ts';
import { CONSULTATION_SETTINGS } from './consultations/settings.ts';

const STAFF = ['admin', 'leader', 'supervisor', 'dispatcher', 'handler', 'reviewer'] as const;

export const SPINE_PERMISSIONS: Record<string, PermissionDef> = {
  'org.view': { label: '查看机构', roles: STAFF, scopes: ['cases:read', 'cases:write', 'admin'] },
  'org.manage': { label: '管理机构', roles: ['admin'], scopes: ['admin'] },
  'user.manage': { label: '管理用户与授权', roles: ['admin'], scopes: ['admin'] },
  'token.manage': { label: '管理 API 令牌', roles: ['admin'] },
  'calendar.manage': { label: '维护节假日日历', roles: ['admin'], scopes: ['admin'] },
  'rules.manage': { label: '设置期限规则的本地值', roles: ['admin'], scopes: ['admin'] },
  'settings.manage': { label: '修改本县设置与机构职能指定', roles: ['admin'], scopes: ['admin'] },
  'audit.view': { label: '查看审计日志', roles: ['admin', 'supervisor'], scopes: ['admin'] },
  'case.view': { label: '查看案件', roles: STAFF, scopes: ['cases:read', 'cases:write'] },
  'case.create': { label: '登记案件', roles: ['dispatcher', 'handler'], scopes: ['cases:write'] },
  /** Taking a workflow action: the workflow table then says which role may take which action. */
  'case.act': { label: '办理案件（按流程表）', roles: STAFF, scopes: ['cases:write'] },
  /** Recording an act with the time it happened, earlier than now (补录; bounded by the spine setting recordLateDays, audited). */
  'case.record_late': { label: '按实际发生时间补录办理行为', roles: ['leader', 'supervisor', 'dispatcher', 'handler', 'reviewer'], scopes: ['cases:write'] },
  'case.reveal': { label: '查看当事人完整信息（留痕）', roles: ['supervisor', 'dispatcher', 'handler', 'reviewer'] },
  'case.upload': { label: '为案件上传附件', roles: ['supervisor', 'dispatcher', 'handler', 'reviewer'], scopes: ['cases:write'] },
  /** Issuing and reprinting a 文书: each kind then names who may issue it (by default whoever may take its step). */
  'documents.issue': { label: '出具、补打文书', roles: ['leader', 'dispatcher', 'handler', 'reviewer'], scopes: ['cases:write'] },
  'documents.manage': { label: '编辑文书模板和文号规则', roles: ['admin'], scopes: ['admin'] },
  'metrics.view': { label: '查看统计指标', roles: ['admin', 'leader', 'supervisor', 'dispatcher'], scopes: ['metrics:read'] },
  // the workbench's 本单位 figures: a handler's or reviewer's own unit (the grant's org and, with a subtree grant, below it)
  'metrics.own': { label: '查看本单位的统计指标', roles: ['handler', 'reviewer'], scopes: ['metrics:read'] },
  'dashboard.view': { label: '打开领导驾驶舱', roles: ['admin', 'leader', 'supervisor'], scopes: ['metrics:read'] },
  'notification.view': { label: '查看通知', roles: STAFF },
  'notices.view': { label: '查看消息发送记录（短信、电子邮件）', roles: ['admin'], scopes: ['admin'] },
  'task.view': { label: '查看本人发起的后台任务', roles: STAFF, scopes: ['admin'] },
  // 公开征求意见 (规范性文件, 重大行政决策): the drafting or 承办 unit answers each comment and moderates them
  'consultation.answer': { label: '答复、审核草案的公众意见', roles: ['handler'], scopes: ['cases:write'] },
};

/** Who may call each of the spine's non-public routes (see ModuleManifest.routeAccess). */
export const SPINE_ROUTE_ACCESS: Record<string, RouteAccess> = {
  ...DOCUMENT_ROUTE_ACCESS,
  ...CONSULTATION_ROUTE_ACCESS,
  'POST /auth/logout': 'account',
  'GET /auth/session': 'account',
  'POST /auth/password': 'account',
  'GET /orgs': 'org.view',
  'GET /orgs/:id/history': 'org.view',
  'POST /orgs': 'org.manage',
  'POST /orgs/:id/rename': 'org.manage',
  'POST /orgs/:id/move': 'org.manage',
  'POST /orgs/:id/dissolve': 'org.manage',
  'POST /orgs/import': 'org.manage',
  'GET /users': 'user.manage',
  'POST /users': 'user.manage',
  'POST /users/:id/grants': 'user.manage',
  'POST /users/:id/grants/:grantId/revoke': 'user.manage',
  'POST /users/:id/unlock': 'user.manage',
  'POST /users/:id/status': 'user.manage',
  'POST /users/import': 'user.manage',
  'GET /roles': 'org.view',
  'GET /tokens': 'token.manage',
  'POST /tokens': 'token.manage',
  'POST /tokens/:id/revoke': 'token.manage',
  'PUT /calendar/:year': 'calendar.manage',
  'GET /rules/:key/local': 'rules.manage',
  'PUT /rules/:key': 'rules.manage',
  'GET /calendar/periods': ['org.view', 'metrics.view'],
  'GET /case-types': 'case.view',
  'GET /cases': 'case.view',
  'POST /cases': 'case.create',
  'GET /cases/:id': 'case.view',
  'POST /cases/:id/actions': 'case.act',
  'POST /cases/:id/parties/:partyId/reveal': 'case.reveal',
  'GET /cases/:id/files': 'case.view',
  'POST /cases/:id/files': 'case.upload',
  'GET /files/:id': 'case.view',
  'GET /audit': 'audit.view',
  'POST /tasks/audit-verify': 'audit.view',
  'POST /audit/checkpoints': 'audit.view',
  'GET /tasks/:id': 'task.view',
  'GET /metrics': ['metrics.view', 'metrics.own'],
  'GET /metrics/:key': ['metrics.view', 'metrics.own'],
  'GET /metrics/:key/drilldown': ['metrics.view', 'metrics.own'],
  'GET /notifications': 'notification.view',
  'POST /notifications/:id/read': 'notification.view',
  'GET /notifications/unread-count': 'notification.view',
  'POST /notifications/read-all': 'notification.view',
  ...OUTBOX_ROUTE_ACCESS,
  'GET /settings': 'settings.manage',
  'GET /settings/:module': 'settings.manage',
  'PUT /settings/:module': 'settings.manage',
  'GET /designations': 'org.view',
  'PUT /designations/:key': 'settings.manage',
};

export const spineManifest: ModuleManifest = {
  id: 'spine',
  label: '平台',
  migrations: path.join(import.meta.dirname, 'migrations'),
  roles: Object.fromEntries(Object.entries(Roles).map(([k, label]) => [k, { label }])),
  permissions: SPINE_PERMISSIONS,
  routeAccess: SPINE_ROUTE_ACCESS,
  designations: {
    justice_bureau: {
      label: '司法局（司法行政机关）', kinds: ['department'],
      basis: '《行政复议法》第四条（行政复议机构）；国办发〔2018〕115号（合法性审核机构）；国办发〔2018〕118号（行政执法监督）',
    },
  },
  systemActor: '系统',
  rules: PUBLICATION_RULES,
  settings: [SPINE_SETTINGS, NOTICE_SETTINGS, MAP_SETTINGS, CONSULTATION_SETTINGS],
  auditLabels: { actions: CONSULTATION_AUDIT },
  // The 文书 routes (platform/documents), the 消息发送记录 and the 公开征求意见 staff routes, registered like a module's: app.ts
  // lists the older spine routes.
  routes: async (api, ctx) => { await documentRoutes(api, ctx); await outboxRoutes(api, ctx); await consultationRoutes(api, ctx); },
};
