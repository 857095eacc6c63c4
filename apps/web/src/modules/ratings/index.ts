/** 政务服务"好差评": the ledger, 差评整改, statistics; rating on the portal (server: apps/server/src/modules/ratings). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { RATINGS_STRINGS } from './strings.ts';

const menu = { group: 'nav.group.services' };

export const ratings: WebModule = {
  id: 'ratings',
  label: 'ratings.name',
  strings: RATINGS_STRINGS,
  console: [
    { path: '/console/ratings', title: 'ratings.ledger.title', ability: 'case.view', menu, screen: lazy(() => import('./console/Ledger.tsx')) },
    { path: '/console/ratings/rectifications', title: 'ratings.rectifications.title', ability: 'case.view', menu,
      screen: lazy(() => import('./console/Rectifications.tsx')) },
    { path: '/console/ratings/stats', title: 'ratings.stats.title', ability: 'metrics.view', menu, screen: lazy(() => import('./console/Stats.tsx')) },
  ],
  portal: [
    { path: '/p/rate', title: 'ratings.portal.title', screen: lazy(() => import('./portal/Rate.tsx')) },
  ],
};
