import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { catalogCaseType, decisionCaseType, MODULE_ID } from './case-type.ts';
import { DECISION_RULES } from './workflow.ts';
import { decisionRoutes } from './routes.ts';
import { decisionMetrics } from './metrics.ts';
import { seedDecisions } from './seed.ts';

export const decisionsModule: ModuleManifest = {
  id: MODULE_ID,
  label: '重大行政决策（决策事项目录、五大程序、公布、执行、后评估、调整）',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'decisions.act': { label: '承办单位将重大行政决策归档', roles: ['handler'], scopes: ['cases:write'] },
  },
  routeAccess: {
    'GET /decisions/catalogs': 'case.view',
    'POST /decisions/cases/:id/archive': 'decisions.act',
  },
  auditLabels: {
    actions: { 'decisions.comment': '对重大行政决策草案提出意见', 'decisions.archive': '重大行政决策归档',
      // recorded before the shared 公开征求意见 routes (consultation.comment.*) took them over
      'decisions.comment.answer': '答复决策草案的公众意见', 'decisions.comment.hide': '不予展示公众意见' },
  },
  caseTypes: [catalogCaseType, decisionCaseType],
  rules: DECISION_RULES,
  routes: decisionRoutes,
  metrics: decisionMetrics,
  systemActor: '重大行政决策',
  seed: seedDecisions,
  portalEntries: [
    { key: 'decisions-catalog', label: '重大行政决策事项目录', description: '本县年度重大行政决策事项目录和标准', href: '/p/decisions' },
    { key: 'decisions-consultations', label: '决策草案征求意见', description: '阅读重大行政决策草案、提出意见，查看听证会和意见采纳情况', href: '/p/decisions/consultations' },
  ],
};
