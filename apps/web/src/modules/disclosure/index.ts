/** 政务公开: the 年报 editor, 公开目录 management; the portal's 依申请公开, catalogue and reports (server: apps/server/src/modules/disclosure). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { DISCLOSURE_STRINGS } from './strings.ts';

const Reports = lazy(() => import('./portal/Reports.tsx'));

const menu = { group: 'disclosure.nav' };

export const disclosure: WebModule = {
  id: 'disclosure',
  label: 'disclosure.name',
  strings: DISCLOSURE_STRINGS,
  // The report opens for those who see the cases (editing and publishing it need disclosure.manage); the catalogue is managed.
  console: [
    { path: '/console/disclosure/report', title: 'disclosure.report.nav', ability: 'case.view', menu,
      screen: lazy(() => import('./console/ReportEditor.tsx')) },
    { path: '/console/disclosure/catalogue', title: 'disclosure.catalogue.title', ability: 'disclosure.manage', menu,
      screen: lazy(() => import('./console/Catalogue.tsx')) },
  ],
  portal: [
    { path: '/p/disclosure', title: 'disclosure.browse.title', screen: lazy(() => import('./portal/Browse.tsx')) },
    { path: '/p/disclosure/apply', title: 'disclosure.apply.title', screen: lazy(() => import('./portal/Apply.tsx')) },
    { path: '/p/disclosure/items/:id', title: 'disclosure.browse.title', screen: lazy(() => import('./portal/Item.tsx')) },
    { path: '/p/disclosure/reports', title: 'disclosure.reports.title', screen: Reports },
    { path: '/p/disclosure/reports/:id', title: 'disclosure.reports.title', screen: Reports },
  ],
};
