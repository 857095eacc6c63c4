import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { scopeAllows } from '../../platform/authz.ts';
import { powersMetrics } from './metrics.ts';
import { powersRoutes } from './routes.ts';
import { seedPowers } from './seed.ts';
import { adjustmentCaseType, projectAdjustmentInTrx } from './adjustments.ts';

/** 权责清单 and the service catalogue (政务服务事项 / 办事指南) derived from it. */
export const powersModule: ModuleManifest = {
  id: 'powers',
  label: '权责清单与政务服务事项',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'powers.propose': { label: '提出权责清单调整、编辑政务服务事项', roles: ['admin', 'handler'], scopes: ['admin'] },
    'powers.approve': { label: '审核批准权责清单调整', roles: ['admin', 'leader'], scopes: ['admin'] },
    'powers.import': { label: '导入权责清单', roles: ['admin'], scopes: ['admin'] },
  },
  routeAccess: {
    'GET /powers/items': 'org.view',
    'GET /powers/items/:id': 'org.view',
    'GET /powers/as-of': 'org.view',
    'GET /powers/diff': 'org.view',
    'GET /powers/adjustments': 'org.view',
    'POST /powers/adjustments': 'powers.propose',
    'POST /powers/adjustments/:id/approve': 'powers.approve',
    'POST /powers/adjustments/:id/reject': 'powers.approve',
    'POST /powers/import': 'powers.import',
    'GET /powers/export.xlsx': 'org.view',
    'GET /powers/services': 'org.view',
    'POST /powers/services': 'powers.propose',
    'PUT /powers/services/:id': 'powers.propose',
    'POST /powers/service-files': 'powers.propose',
  },
  // The county administrator keeps the list for every org (the grant sits on the 政务服务 org's subtree).
  policy: (actor, permission, _resource, allowed) => allowed || (scopeAllows(actor, permission) && actor.grants.some((g) => g.role === 'admin' && g.subtree)),
  designations: {
    approval_bureau: {
      label: '行政审批局（相对集中行政许可权）', kinds: ['department'],
      basis: '《行政许可法》第二十五条：经国务院批准，省、自治区、直辖市人民政府根据精简、统一、效能的原则，可以决定一个行政机关行使有关行政机关的行政许可权',
    },
  },
  auditLabels: {
    actions: { 'powers.export': '导出权责清单', 'powers.import': '导入权责清单', 'powers.service.create': '新增政务服务事项', 'powers.service.update': '修改政务服务事项' },
    targets: { powers_service: '政务服务事项' },
  },
  caseTypes: [adjustmentCaseType],
  onCaseEvent: projectAdjustmentInTrx,
  systemActor: '权责清单',
  metrics: powersMetrics,
  routes: powersRoutes,
  seed: seedPowers,
  portalEntries: [
    { key: 'powers', label: '权责清单', description: '查询本县各部门、乡镇（街道）的权力事项、实施依据和责任事项', href: '/p/powers' },
  ],
};
