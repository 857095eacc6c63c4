/** 权责清单 and the 政务服务事项 catalogue (server: apps/server/src/modules/powers). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { POWERS_STRINGS } from './strings.ts';

/** 政务服务: one submenu shared with approvals and ratings (its label is the spine's). */
const menu = { group: 'nav.group.services' };

export const powers: WebModule = {
  id: 'powers',
  label: 'powers.name',
  strings: POWERS_STRINGS,
  console: [
    { path: '/console/powers', title: 'powers.list.title', ability: 'org.view', menu, screen: lazy(() => import('./console/PowersList.tsx')) },
    { path: '/console/powers/adjustments', title: 'powers.adjust.title', ability: 'org.view', menu, screen: lazy(() => import('./console/Adjustments.tsx')) },
    { path: '/console/powers/services', title: 'powers.services.title', ability: 'org.view', menu, screen: lazy(() => import('./console/Services.tsx')) },
  ],
  portal: [
    { path: '/p/powers', title: 'powers.portal.title', screen: lazy(() => import('./portal/PowersPage.tsx')) },
  ],
};
