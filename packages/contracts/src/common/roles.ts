/**
 * The spine's roles a user can be granted on an org (and optionally its subtree). Modules may declare
 * more (their manifests' `roles`); the server lists them all at GET /api/v1/roles.
 */
export const Roles = {
  admin: '系统管理员',
  leader: '领导',
  supervisor: '监督人员（法治办/司法局）',
  dispatcher: '调度/窗口人员',
  handler: '承办人',
  reviewer: '审核人员',
} as const;
export type SpineRole = keyof typeof Roles;
/** A role key: a spine role or one a module declares (the server checks every role it is given). */
export type Role = string;

export const OrgKinds = {
  government: '人民政府',
  department: '部门',
  township: '乡镇街道',
  village: '村社区',
  other: '其他机构',
} as const;
export type OrgKind = keyof typeof OrgKinds;
export const ORG_KIND_KEYS = Object.keys(OrgKinds) as OrgKind[];
