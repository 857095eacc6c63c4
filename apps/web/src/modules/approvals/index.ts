/** 行政审批: one-window intake, the queue, 情景式服务 (server: apps/server/src/modules/approvals). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { APPROVALS_STRINGS } from './strings.ts';

const menu = { group: 'nav.group.services' };

export const approvals: WebModule = {
  id: 'approvals',
  label: 'approvals.name',
  strings: APPROVALS_STRINGS,
  console: [
    { path: '/console/approvals/intake', title: 'approvals.intake.title', ability: 'approvals.intake', menu,
      screen: lazy(() => import('./console/Intake.tsx')) },
    { path: '/console/approvals/queue', title: 'approvals.queue.title', ability: 'approvals.view', menu, screen: lazy(() => import('./console/Queue.tsx')) },
    { path: '/console/approvals/scenarios', title: 'approvals.scenarios.title', ability: 'approvals.view', menu,
      screen: lazy(() => import('./console/Scenarios.tsx')) },
    { path: '/console/approvals/stats', title: 'approvals.stats.title', ability: 'metrics.view', menu, screen: lazy(() => import('./console/Stats.tsx')) },
  ],
  portal: [
    { path: '/p/services', title: 'approvals.portal.services', screen: lazy(() => import('./portal/Services.tsx')) },
    { path: '/p/services/:id', title: 'approvals.portal.services', screen: lazy(() => import('./portal/ServiceGuide.tsx')) },
    { path: '/p/scenarios', title: 'approvals.portal.scenarios', screen: lazy(() => import('./portal/Scenarios.tsx')) },
    { path: '/p/bundles/:number', title: 'approvals.portal.bundle', screen: lazy(() => import('./portal/Bundle.tsx')) },
  ],
};
