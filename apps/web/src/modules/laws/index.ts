/** 法律法规目录 and the basis-change flags (server: apps/server/src/modules/laws). */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { LAWS_STRINGS } from './strings.ts';

export const laws: WebModule = {
  id: 'laws',
  label: 'laws.name',
  strings: LAWS_STRINGS,
  console: [
    { path: '/console/laws', title: 'laws.list.title', ability: 'org.view', menu: {}, screen: lazy(() => import('./console/LawList.tsx')) },
    { path: '/console/laws/flags', title: 'laws.flags.title', ability: 'org.view', menu: {}, screen: lazy(() => import('./console/Flags.tsx')) },
  ],
};
