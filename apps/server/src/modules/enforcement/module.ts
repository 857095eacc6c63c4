import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { ENFORCEMENT_RULES } from './workflow.ts';
import { penaltyCaseType } from './penalty.ts';
import { enforcementRoutes } from './routes.ts';
import { enforcementMetrics, PENALTY_DEADLINES } from './metrics.ts';
import { seedEnforcement } from './seed.ts';
import { ENFORCEMENT_DOCUMENTS } from './documents.ts';
import { SUPERVISION_RULES, supervisionCaseType } from './supervision.ts';
import { certificateReminderJob, ENFORCEMENT_SETTINGS } from './reminders.ts';
import { subjectRoutes } from './subjects.ts';
import { recordingRoutes } from './recordings.ts';

/** 行政执法: 执法人员 and their certificates, the 行政处罚 case under the 三项制度 (issue 15). */
export const enforcementModule: ModuleManifest = {
  id: 'enforcement',
  label: '行政执法',
  systemActor: '行政执法',
  migrations: path.join(import.meta.dirname, 'migrations'),
  settings: ENFORCEMENT_SETTINGS,
  jobs: [certificateReminderJob],
  permissions: {
    'enforcement.officers.manage': { label: '登记、导入执法人员及执法证件', roles: ['admin', 'handler'], scopes: ['admin'] },
    'enforcement.supervise': { label: '行政执法监督（查看全县行政处罚案件及问题）', roles: ['supervisor', 'admin', 'leader'], scopes: ['cases:read', 'cases:write'] },
    // issuing one opens a case: a token needs cases:write, as for any case it registers
    'enforcement.subjects.publish': { label: '公布年度行政执法主体名单、登记执法主体类别', roles: ['supervisor', 'admin'], scopes: ['admin'] },
    'enforcement.notice': { label: '发出行政执法监督意见、整改通知', roles: ['supervisor', 'admin', 'leader'], scopes: ['cases:write'] },
  },
  routeAccess: {
    'GET /enforcement/officers': 'org.view',
    'POST /enforcement/officers': 'enforcement.officers.manage',
    'POST /enforcement/officers/import': 'enforcement.officers.manage',
    'GET /enforcement/discretion': 'org.view',
    'POST /enforcement/discretion': 'enforcement.officers.manage',
    'GET /enforcement/reviewers': 'org.view',
    'GET /enforcement/supervision': 'enforcement.supervise',
    'GET /enforcement/trainings': 'org.view',
    'POST /enforcement/trainings': 'enforcement.officers.manage',
    'POST /enforcement/supervision/notices': 'enforcement.notice',
    'POST /enforcement/reviewers': 'enforcement.officers.manage',
    'GET /enforcement/subjects': 'org.view',
    'POST /enforcement/subjects/publish': 'enforcement.subjects.publish',
    'PUT /enforcement/subject-kinds/:orgId': 'enforcement.subjects.publish',
    'GET /enforcement/recordings': 'org.view',
    'POST /enforcement/cases/:id/recordings': 'case.upload',
  },
  auditLabels: {
    actions: { 'enforcement.officer.create': '登记执法人员', 'enforcement.reviewer.register': '登记法制审核人员',
      'enforcement.training.create': '登记培训考试', 'enforcement.subjects.publish': '公布年度行政执法主体名单', 'enforcement.subject.kind': '登记执法主体类别' },
    targets: { enforcement_officer: '执法人员', enforcement_reviewer: '法制审核人员', enforcement_training: '培训考试',
      enforcement_subject_list: '行政执法主体名单' },
  },
  caseTypes: [penaltyCaseType, supervisionCaseType],
  rules: [...ENFORCEMENT_RULES, ...SUPERVISION_RULES],
  deadlines: { penalty_case: PENALTY_DEADLINES, enforcement_supervision: { main: 'rectification', clocks: { rectification: { acts: ['report'] } } } },
  metrics: enforcementMetrics,
  routes: async (api, ctx) => { await enforcementRoutes(api, ctx); await subjectRoutes(api, ctx); await recordingRoutes(api, ctx); },
  seed: seedEnforcement,
  documents: ENFORCEMENT_DOCUMENTS,
  portalEntries: [
    { key: 'enforcement-decisions', label: '行政执法公示', description: '行政处罚决定公示（作出决定之日起7个工作日内公开），可按关键词检索',
      href: '/p/enforcement/decisions' },
    { key: 'enforcement-discretion', label: '行政处罚裁量基准', description: '各行政处罚事项的违法情形、罚款幅度和依据（行政处罚法第三十四条）',
      href: '/p/enforcement/discretion' },
    { key: 'enforcement-subjects', label: '行政执法主体', description: '按年度公布的行政执法主体名单：各主体的执法职权（来自权责清单）和持证执法人员数（事前公示）',
      href: '/p/enforcement/subjects' },
    { key: 'enforcement-cert', label: '执法证件查询（亮证）', description: '输入执法证号，核验执法人员身份和执法证件是否有效', href: '/p/enforcement/certificate' },
  ],
};
