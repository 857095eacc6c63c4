/** The spine's own portal pages (home, 查询办理进度), in the same shape as a module's (modules/types.ts). */
import { lazy } from 'react';
import type { PortalPage } from '../modules/types.ts';

const Track = lazy(() => import('./Track.tsx'));

export const SPINE_PORTAL: PortalPage[] = [
  { path: '/p/track', title: 'portal.track.title', screen: Track },
  { path: '/p/track/:number', title: 'portal.track.title', screen: Track },
];
