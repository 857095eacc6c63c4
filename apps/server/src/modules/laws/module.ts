import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { countyAdminPolicy } from './access.ts';
import { lawsMetrics } from './metrics.ts';
import { lawsRoutes } from './routes.ts';
import { seedLaws } from './seed.ts';
import { recordCitationsInTrx, type Basis } from './store.ts';

/** Case types whose opening input may carry `bases` (cited laws) and `effectiveOn`; other modules call recordCitationsInTrx themselves. */
const CITING_TYPES = new Set(['legality_review']);

/** 法律法规目录 and the citations of it: the basis-change flag for 清理 (issue 13). */
export const lawsModule: ModuleManifest = {
  id: 'laws',
  label: '法律法规目录',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'laws.manage': { label: '维护法律法规目录（新增、修改、导入、登记修改或废止）', roles: ['admin', 'reviewer'], scopes: ['admin'] },
    'laws.resolve': { label: '处理依据变化标记', roles: ['admin', 'reviewer', 'handler'], scopes: ['admin'] },
  },
  policy: countyAdminPolicy,
  routeAccess: {
    'GET /laws': 'org.view',
    'GET /laws/levels': 'org.view',
    'GET /laws/status': 'org.view',
    'GET /laws/citations': 'org.view',
    'GET /laws/flags': 'org.view',
    'POST /laws/flags/:id/resolve': 'laws.resolve',
    'GET /laws/export.xlsx': 'org.view',
    'POST /laws/import': 'laws.manage',
    'GET /laws/:id': 'org.view',
    'POST /laws': 'laws.manage',
    'PUT /laws/:id': 'laws.manage',
    'POST /laws/:id/amend': 'laws.manage',
    'POST /laws/:id/repeal': 'laws.manage',
  },
  auditLabels: {
    actions: {
      'laws.create': '新增法律法规', 'laws.update': '修改法律法规', 'laws.import': '导入法律法规目录', 'laws.export': '导出法律法规目录',
      'laws.flag.resolve': '处理依据变化标记',
    },
    targets: { law: '法律法规', laws: '法律法规目录', law_citation: '文件引用的依据' },
  },
  async onCaseEvent(trx, e, ctx) {
    if (e.action !== 'open' || !CITING_TYPES.has(e.type)) return;
    const bases = e.input.bases as Basis[] | undefined;
    if (!bases?.length) return;
    await recordCitationsInTrx(trx, e.caseId, bases, (e.input.effectiveOn as string | undefined) ?? null, ctx.clock.now());
  },
  metrics: lawsMetrics,
  routes: lawsRoutes,
  seed: seedLaws,
};
