/**
 * The spine's own console pages, in the same shape as a module's (modules/types.ts): 工作台 and
 * 领导驾驶舱 and 指标总览 before the modules' pages, 系统管理 after them. The case page has no menu entry: it
 * is reached from lists and keeps 工作台 highlighted (the menu marks the longest matching path).
 */
import { lazy } from 'react';
import type { ConsolePage } from '../modules/types.ts';

const admin = { group: 'nav.admin' };

export const SPINE_TOP: ConsolePage[] = [
  { path: '/console', title: 'nav.work', screen: lazy(() => import('./pages/Workbench.tsx')), menu: {} },
  { path: '/console/cockpit', title: 'nav.cockpit', ability: 'dashboard.view', screen: lazy(() => import('./pages/Cockpit.tsx')), menu: {} },
  { path: '/console/dashboard', title: 'nav.dashboard', ability: 'dashboard.view', screen: lazy(() => import('./pages/Dashboard.tsx')), menu: {} },
  { path: '/console/cases/:id', title: 'case.facts', ability: 'case.view', screen: lazy(() => import('./pages/CasePage.tsx')) },
];

export const SPINE_ADMIN: ConsolePage[] = [
  { path: '/console/admin/orgs', title: 'nav.orgs', ability: 'org.manage', screen: lazy(() => import('./admin/Orgs.tsx')), menu: admin },
  { path: '/console/admin/users', title: 'nav.users', ability: 'user.manage', screen: lazy(() => import('./admin/Users.tsx')), menu: admin },
  { path: '/console/admin/designations', title: 'nav.designations', ability: 'settings.manage', menu: admin,
    screen: lazy(() => import('./admin/Designations.tsx')) },
  { path: '/console/admin/settings', title: 'nav.settings', ability: 'settings.manage', screen: lazy(() => import('./admin/Settings.tsx')), menu: admin },
  { path: '/console/admin/documents', title: 'nav.documents', ability: 'documents.manage', menu: admin,
    screen: lazy(() => import('./admin/DocumentTemplates.tsx')) },
  { path: '/console/admin/tokens', title: 'nav.tokens', ability: 'token.manage', screen: lazy(() => import('./admin/Tokens.tsx')), menu: admin },
  { path: '/console/admin/calendar', title: 'nav.calendar', ability: 'calendar.manage', screen: lazy(() => import('./admin/CalendarAdmin.tsx')), menu: admin },
  { path: '/console/admin/rules', title: 'nav.rules', ability: 'rules.manage', screen: lazy(() => import('./admin/Rules.tsx')), menu: admin },
  { path: '/console/admin/audit', title: 'nav.audit', ability: 'audit.view', screen: lazy(() => import('./admin/Audit.tsx')), menu: admin },
  { path: '/console/admin/messages', title: 'nav.messageLog', ability: 'notices.view', screen: lazy(() => import('./admin/MessageLog.tsx')), menu: admin },
];
