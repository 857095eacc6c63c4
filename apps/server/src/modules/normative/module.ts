import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { normativeCaseType, MODULE_ID } from './case-type.ts';
import { NORMATIVE_RULES, NORMATIVE_TYPE } from './workflow.ts';
import { NORMATIVE_SETTINGS } from './settings.ts';
import { projectInTrx, reviewDoneInTrx } from './projection.ts';
import { recordLawBasesInTrx } from './citations.ts';
import { normativeRoutes } from './routes.ts';
import { NORMATIVE_DEADLINES, normativeMetrics } from './metrics.ts';
import { normativeJobs } from './jobs.ts';
import { seedNormative } from './seed.ts';
import { NORMATIVE_DOCUMENTS } from './documents.ts';

export const normativeModule: ModuleManifest = {
  id: MODULE_ID,
  label: '行政规范性文件（起草、征求意见、审核、三统一、备案、清理）',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'normative.manage': { label: '管理全县规范性文件登记簿（导入、清理）', roles: ['admin', 'reviewer', 'supervisor'], scopes: ['cases:write'] },
    'normative.act': { label: '制定机关报送规范性文件备案、废止文件', roles: ['handler'], scopes: ['cases:write'] },
    'normative.supervise': { label: '规范性文件备案审查（予以备案、发出纠错通知）', roles: ['reviewer'], scopes: ['cases:write'] },
    'normative.standing': { label: '记录纠错结果、宣布规范性文件失效', roles: ['handler', 'reviewer'], scopes: ['cases:write'] },
  },
  routeAccess: {
    'GET /normative/options': 'case.view',
    'GET /normative/registry': 'case.view',
    'POST /normative/registry/import': 'normative.manage',
    'GET /normative/campaigns': 'case.view',
    'POST /normative/campaigns': 'normative.manage',
    'GET /normative/campaigns/:id': 'case.view',
    'POST /normative/campaigns/:id/decisions': 'normative.manage',
  },
  auditLabels: {
    actions: {
      'normative.comment': '对规范性文件草案提出意见', 'normative.import': '导入规范性文件登记簿', 'normative.campaign.start': '开展规范性文件清理',
      'normative.campaign.decide': '作出清理决定',
    },
    targets: { normative_campaign: '规范性文件清理' },
  },
  dependsOn: ['laws'],
  caseTypes: [normativeCaseType],
  rules: NORMATIVE_RULES,
  settings: NORMATIVE_SETTINGS,
  metrics: normativeMetrics,
  deadlines: { [NORMATIVE_TYPE]: NORMATIVE_DEADLINES },
  routes: normativeRoutes,
  documents: NORMATIVE_DOCUMENTS,
  onCaseEvent: async (trx, e) => {
    // the 依据 from the 法律法规目录: cited when drafted, in force from 印发 (its 施行日期) — flagged when a cited law changes later
    if (e.type === NORMATIVE_TYPE && (e.action === 'open' || e.action === 'issue')) await recordLawBasesInTrx(trx, e.caseId, e.recordedAt ?? e.at);
    if (e.type === NORMATIVE_TYPE) await projectInTrx(trx, e.caseId, e.recordedAt ?? e.at);
    if (e.type === 'legality_review' && ['conclude', 'return'].includes(e.action)) await reviewDoneInTrx(trx, e);
  },
  systemActor: '规范性文件',
  jobs: normativeJobs,
  seed: seedNormative,
  portalEntries: [
    { key: 'normative-library', label: '规范性文件库', description: '检索本县现行有效、已修改、已废止、已失效的行政规范性文件及其版本', href: '/p/normative' },
    { key: 'normative-consultations', label: '规范性文件征求意见', description: '阅读草案、提出意见，查看意见采纳情况', href: '/p/normative/consultations' },
  ],
};
