/** 行政执法: 执法人员, 执法主体, 全过程记录 (console); 执法公示, 执法主体 and 执法证件核验 / 亮证 (portal). Server: apps/server/src/modules/enforcement. Cases use the generic case page. */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { ENFORCEMENT_STRINGS } from './strings.ts';

const menu = { group: 'enforcement.group' };

export const enforcement: WebModule = {
  id: 'enforcement',
  label: 'enforcement.name',
  strings: ENFORCEMENT_STRINGS,
  console: [
    { path: '/console/enforcement/officers', title: 'enforcement.officers.title', ability: 'org.view', menu,
      screen: lazy(() => import('./console/Officers.tsx')) },
    { path: '/console/enforcement/supervision', title: 'enforcement.supervision.title', ability: 'enforcement.supervise', menu,
      screen: lazy(() => import('./console/Supervision.tsx')) },
    { path: '/console/enforcement/subjects', title: 'enforcement.subjects.title', ability: 'org.view', menu,
      screen: lazy(() => import('./console/Subjects.tsx')) },
    { path: '/console/enforcement/recordings', title: 'enforcement.recordings.title', ability: 'case.upload', menu,
      screen: lazy(() => import('./console/Recordings.tsx')) },
    { path: '/console/enforcement/discretion', title: 'enforcement.discretion.title', ability: 'org.view', menu,
      screen: lazy(() => import('./console/DiscretionEditor.tsx')) },
  ],
  portal: [
    { path: '/p/enforcement/decisions', title: 'enforcement.decisions.title', screen: lazy(() => import('./portal/Decisions.tsx')) },
    { path: '/p/enforcement/decisions/:id', title: 'enforcement.decisions.title', screen: lazy(() => import('./portal/Decision.tsx')) },
    { path: '/p/enforcement/discretion', title: 'enforcement.discretion.title', screen: lazy(() => import('./portal/Discretion.tsx')) },
    { path: '/p/enforcement/subjects', title: 'enforcement.subjects.title', screen: lazy(() => import('./portal/Subjects.tsx')) },
    { path: '/p/enforcement/certificate', title: 'enforcement.cert.title', screen: lazy(() => import('./portal/Certificate.tsx')) },
  ],
};
