import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { countyAdminPolicy } from '../laws/access.ts';
import { advisorsMetrics } from './metrics.ts';
import { advisorsRoutes } from './routes.ts';
import { seedAdvisors } from './seed.ts';
import { onAdvisorActionInTrx } from './store.ts';

/** 政府法律顾问、公职律师 and the 合法性审查专家库 (issue 13), assigned to 合法性审查 cases. */
export const advisorsModule: ModuleManifest = {
  id: 'advisors',
  label: '法律顾问与合法性审查专家库',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'advisors.manage': { label: '维护法律顾问、公职律师和专家库', roles: ['admin', 'reviewer'], scopes: ['admin'] },
  },
  policy: countyAdminPolicy,
  routeAccess: {
    'GET /advisors': 'org.view',
    'GET /advisors/assignments': 'org.view',
    'POST /advisors': 'advisors.manage',
    'PUT /advisors/:id': 'advisors.manage',
  },
  auditLabels: {
    actions: { 'advisors.create': '新增法律顾问或专家', 'advisors.update': '修改法律顾问或专家' },
    targets: { advisor: '法律顾问或专家' },
  },
  onCaseEvent: onAdvisorActionInTrx,
  metrics: advisorsMetrics,
  routes: advisorsRoutes,
  seed: seedAdvisors,
};
