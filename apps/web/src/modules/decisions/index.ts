/**
 * 重大行政决策 (server: apps/server/src/modules/decisions): the 承办单位's board (decisions in every step, the public comments
 * to answer or hide with a reason); the portal's 决策事项目录 and the consultations (draft, period, masked comments, each
 * answered in the 采纳情况). The 目录 and the decision are opened from the workbench; each step is an action on the case page.
 */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { DECISIONS_STRINGS } from './strings.ts';

const menu = { group: 'decisions.nav' };

export const decisions: WebModule = {
  id: 'decisions',
  label: 'decisions.name',
  strings: DECISIONS_STRINGS,
  console: [
    { path: '/console/decisions', title: 'decisions.board.title', ability: 'case.view', menu, screen: lazy(() => import('./console/Board.tsx')) },
  ],
  portal: [
    { path: '/p/decisions', title: 'decisions.catalog.title', screen: lazy(() => import('./portal/Catalogs.tsx')) },
    { path: '/p/decisions/consultations', title: 'decisions.consult.title', screen: lazy(() => import('./portal/Consultations.tsx')) },
    { path: '/p/decisions/consultations/:id', title: 'decisions.consult.title', screen: lazy(() => import('./portal/Consultation.tsx')) },
  ],
};
