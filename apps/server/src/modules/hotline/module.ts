import type { ModuleManifest } from '../../platform/registry.ts';
import { HOTLINE_RULES } from './workflow.ts';
import { hotlineCaseType, onHotlineEvent } from './ticket.ts';
import { hotlineMetrics } from './metrics.ts';
import { hotlineRoutes } from './routes.ts';
import { open311Routes } from './open311.ts';
import { seedHotline } from './seed.ts';

/** 12345 政务服务便民热线 and 书记县长信箱 (接诉即办): intake to callback, Open311, metrics. */
export const hotlineModule: ModuleManifest = {
  id: 'hotline',
  label: '12345热线与书记县长信箱',
  caseTypes: [hotlineCaseType],
  rules: HOTLINE_RULES,
  metrics: hotlineMetrics,
  routes: hotlineRoutes,
  rootRoutes: open311Routes,
  onCaseEvent: onHotlineEvent,
  seed: seedHotline,
  portalEntries: [
    { key: 'hotline', label: '12345 网上诉求', description: '咨询、求助、投诉、举报、建议，提交后即可看到工单编号和办理期限', href: '/p/hotline' },
    { key: 'mailbox', label: '书记县长信箱', description: '给县委书记、县长写信', href: '/p/hotline?channel=mailbox' },
  ],
};
