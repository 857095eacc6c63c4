/** 12345热线 and 书记县长信箱 (server: apps/server/src/modules/hotline). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { HOTLINE_STRINGS } from './strings.ts';

const Rate = lazy(() => import('./portal/Rate.tsx'));

const menu = { group: 'hotline.nav' };

export const hotline: WebModule = {
  id: 'hotline',
  label: 'hotline.name',
  strings: HOTLINE_STRINGS,
  console: [
    { path: '/console/hotline/intake', title: 'hotline.intake.title', ability: 'hotline.intake', menu, screen: lazy(() => import('./console/Intake.tsx')) },
    { path: '/console/hotline/tickets', title: 'hotline.tickets.title', ability: 'hotline.view', menu, screen: lazy(() => import('./console/Tickets.tsx')) },
    { path: '/console/hotline/stats', title: 'hotline.stats.title', ability: 'metrics.view', menu, screen: lazy(() => import('./console/Stats.tsx')) },
    { path: '/console/hotline/catalog', title: 'hotline.catalog.title', ability: 'hotline.catalog.manage', menu,
      screen: lazy(() => import('./console/Catalog.tsx')) },
    { path: '/console/hotline/kb', title: 'hotline.kb.title', ability: 'hotline.kb.manage', menu, screen: lazy(() => import('./console/KnowledgeBase.tsx')) },
  ],
  portal: [
    { path: '/p/hotline', title: 'hotline.submit.title', screen: lazy(() => import('./portal/Submit.tsx')) },
    { path: '/p/hotline/rate', title: 'hotline.rate.title', screen: Rate },
    { path: '/p/hotline/rate/:number', title: 'hotline.rate.title', screen: Rate },
  ],
};
