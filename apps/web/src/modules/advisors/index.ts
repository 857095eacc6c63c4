/** 政府法律顾问、公职律师 and the 合法性审查专家库 (server: apps/server/src/modules/advisors). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { ADVISORS_STRINGS } from './strings.ts';

export const advisors: WebModule = {
  id: 'advisors',
  label: 'advisors.name',
  strings: ADVISORS_STRINGS,
  console: [
    { path: '/console/advisors', title: 'advisors.title', ability: 'org.view', menu: {}, screen: lazy(() => import('./console/Advisors.tsx')) },
  ],
};
