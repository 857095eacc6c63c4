import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { reportReminderJob } from './jobs.ts';
import { DISCLOSURE_DOCUMENTS } from './documents.ts';
import { DISCLOSURE_RULES } from './rules.ts';
import { projectRequestInTrx, requestCaseType } from './requests.ts';
import { disclosureRoutes } from './routes.ts';
import { DISCLOSURE_DEADLINES, disclosureMetrics } from './metrics.ts';
import { catalogueItemCaseType, projectItemInTrx } from './catalogue.ts';
import { seedDisclosure } from './seed.ts';

export const disclosureModule: ModuleManifest = {
  id: 'disclosure',
  label: '政务公开',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'disclosure.manage': { label: '管理本机关的政务公开（主动公开、年报、指南、复议诉讼登记）', roles: ['admin', 'leader', 'handler'], scopes: ['cases:write'] },
  },
  routeAccess: {
    'PUT /disclosure/crosswalk/:answerType': 'rules.manage',
    'GET /disclosure/requests/:id/letter': 'case.view',
    'POST /disclosure/requests/:id/remedies': 'disclosure.manage',
    'POST /disclosure/remedies/:id/conclude': 'disclosure.manage',
    'GET /disclosure/reports': ['case.view', 'metrics.view'],
    'PUT /disclosure/reports': 'disclosure.manage',
    'POST /disclosure/reports/publish': 'disclosure.manage',
    'GET /disclosure/reports/cell': ['case.view', 'metrics.view'],
    'GET /disclosure/reports/export': ['case.view', 'metrics.view'],
    'GET /disclosure/reports/reminders': 'case.view',
    'GET /disclosure/items': 'case.view',
    'GET /disclosure/items/:id': 'case.view',
    'POST /disclosure/items': 'disclosure.manage',
    'POST /disclosure/items/:id/submit': 'disclosure.manage',
    'POST /disclosure/items/:id/review': 'disclosure.manage',
    'POST /disclosure/items/:id/revise': 'disclosure.manage',
    'POST /disclosure/items/:id/withdraw': 'disclosure.manage',
    'PUT /disclosure/guides/:orgId': 'disclosure.manage',
  },
  auditLabels: {
    actions: {
      'disclosure.crosswalk': '修改年报口径对照', 'disclosure.guide': '修改政府信息公开指南', 'disclosure.letter': '制发答复书',
      'disclosure.remedy': '登记行政复议、行政诉讼', 'disclosure.remedy.conclude': '登记复议、诉讼结果', 'disclosure.report.save': '保存年度报告',
      'disclosure.report.publish': '发布年度报告',
    },
    targets: { answer_type: '答复类型' },
  },
  caseTypes: [requestCaseType, catalogueItemCaseType],
  rules: DISCLOSURE_RULES,
  metrics: disclosureMetrics,
  deadlines: { disclosure_request: DISCLOSURE_DEADLINES },
  routes: disclosureRoutes,
  // the projections of its two case types: disclosure_requests (annual report) and disclosure_items (the catalogue)
  onCaseEvent: async (trx, e, ctx) => { await projectRequestInTrx(trx, e, ctx); await projectItemInTrx(trx, e, ctx); },
  systemActor: '政务公开',
  seed: seedDisclosure,
  jobs: [reportReminderJob],
  documents: DISCLOSURE_DOCUMENTS,
  portalEntries: [
    { key: 'disclosure-apply', label: '政府信息公开申请', description: '依申请公开：网上提交，当即获得编号和答复期限', href: '/p/disclosure/apply' },
    { key: 'disclosure-catalogue', label: '政府信息公开目录', description: '按机关、类别浏览和检索主动公开的政府信息，查阅年度报告', href: '/p/disclosure' },
  ],
};
