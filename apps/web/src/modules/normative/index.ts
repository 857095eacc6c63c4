/**
 * 行政规范性文件 (server: apps/server/src/modules/normative): the drafting org's 文件起草 board, the county 登记簿 (filters,
 * XLSX export and import); the portal's 规范性文件库 (a stable address per document and version) and 征求意见. Each step of a
 * document is an action on the generic case page.
 */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { NORMATIVE_STRINGS } from './strings.ts';

const menu = { group: 'normative.nav' };
const Doc = lazy(() => import('./portal/Doc.tsx'));

export const normative: WebModule = {
  id: 'normative',
  label: 'normative.name',
  strings: NORMATIVE_STRINGS,
  console: [
    { path: '/console/normative', title: 'normative.board.title', ability: 'case.view', menu, screen: lazy(() => import('./console/Board.tsx')) },
    { path: '/console/normative/registry', title: 'normative.registry.title', ability: 'case.view', menu, screen: lazy(() => import('./console/Registry.tsx')) },
    { path: '/console/normative/campaigns', title: 'normative.campaigns.title', ability: 'case.view', menu, screen: lazy(() => import('./console/Campaigns.tsx')) },
  ],
  portal: [
    { path: '/p/normative', title: 'normative.library.title', screen: lazy(() => import('./portal/Library.tsx')) },
    { path: '/p/normative/consultations', title: 'normative.consult.title', screen: lazy(() => import('./portal/Consultations.tsx')) },
    { path: '/p/normative/consultations/:id', title: 'normative.consult.title', screen: lazy(() => import('./portal/Consultation.tsx')) },
    { path: '/p/normative/:rootId', title: 'normative.library.title', screen: Doc },
    { path: '/p/normative/:rootId/v/:versionNo', title: 'normative.library.title', screen: Doc },
  ],
};
