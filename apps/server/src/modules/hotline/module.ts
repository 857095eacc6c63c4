import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import { HOTLINE_RULES } from './workflow.ts';
import { hotlineCaseType, hotlineActWrites, hotlineOpenWrites, onHotlineEvent } from './ticket.ts';
import { HOTLINE_DEADLINES, hotlineRateMetrics } from './metrics.ts';
import { hotlineLiveMetrics } from './metrics-live.ts';
import { hotlineRoutes } from './routes.ts';
import { open311FrameworkError, open311Routes } from './open311.ts';
import { seedHotline } from './seed.ts';
import { hotlineRollupJob } from './rollups.ts';
import { HOTLINE_SETTINGS } from './settings.ts';
import { HOTLINE_DOCUMENTS } from './documents.ts';

const STAFF = ['admin', 'leader', 'supervisor', 'dispatcher', 'handler', 'reviewer'];

/** 12345 政务服务便民热线 and 书记县长信箱 (接诉即办): intake to callback, Open311, metrics. */
export const hotlineModule: ModuleManifest = {
  id: 'hotline',
  label: '12345热线与书记县长信箱',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'hotline.view': { label: '进入12345热线工作台', roles: ['admin', 'leader', 'supervisor', 'dispatcher', 'handler'], scopes: ['cases:read', 'cases:write'] },
    'hotline.intake': { label: '受理诉求、查询疑似重复、导入历史工单', roles: ['dispatcher'], scopes: ['cases:write'] },
    'hotline.catalog.manage': { label: '维护派单目录', roles: ['admin'], scopes: ['admin'] },
    'hotline.kb.manage': { label: '维护知识库', roles: ['admin'], scopes: ['admin'] },
    'hotline.open311': { label: 'Open311 客户端提交和查询诉求', roles: STAFF, scopes: ['open311'] },
  },
  routeAccess: {
    'POST /hotline/catalog': 'hotline.catalog.manage',
    'GET /hotline/kb': 'case.view',
    'POST /hotline/kb': 'hotline.kb.manage',
    'PUT /hotline/kb/:id': 'hotline.kb.manage',
    'GET /hotline/kb/:id/versions': 'case.view',
    'POST /hotline/duplicates': 'hotline.intake',
    'GET /hotline/tickets': 'case.view',
    'GET /hotline/summary': 'case.view',
    'GET /hotline/hotspots': 'metrics.view',
    'GET /hotline/keywords': 'metrics.view',
    'GET /hotline/import/layout': 'hotline.intake',
    'POST /hotline/import': 'hotline.intake',
  },
  designations: {
    hotline_centre: {
      label: '12345 热线工作机构', kinds: ['department', 'other'],
      basis: '国办发〔2020〕53号（各地12345热线工作机构受理、派单、督办、回访）；受理的工单由其登记并持有',
    },
  },
  settings: HOTLINE_SETTINGS,
  systemActor: '12345热线',
  auditLabels: { actions: { 'hotline.catalog.save': '修改派单目录', 'hotline.kb.create': '新增知识库条目', 'hotline.kb.revise': '修订知识库条目' }, targets: { hotline_catalog: '派单目录', hotline_kb: '知识库条目' } },
  caseTypes: [hotlineCaseType],
  documents: HOTLINE_DOCUMENTS,
  rules: HOTLINE_RULES,
  metrics: [...hotlineRateMetrics, ...hotlineLiveMetrics],
  deadlines: { hotline_ticket: HOTLINE_DEADLINES },
  routes: hotlineRoutes,
  rootRoutes: open311Routes,
  frameworkError: open311FrameworkError,
  onCaseEvent: onHotlineEvent,
  caseOpenWrites: hotlineOpenWrites,
  caseActWrites: hotlineActWrites,
  jobs: [hotlineRollupJob],
  caseNumberCopies: [{ table: 'hotline_tickets', column: 'number', caseIdColumn: 'case_id' }],
  seed: seedHotline,
  portalEntries: [
    { key: 'hotline', label: '12345 网上诉求', description: '咨询、求助、投诉、举报、建议，提交后即可看到工单编号和办理期限', href: '/p/hotline' },
    { key: 'mailbox', label: '书记县长信箱', description: '给县委书记、县长写信', href: '/p/hotline?channel=mailbox' },
  ],
};
