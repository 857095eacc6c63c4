/**
 * 合法性审查 (server: apps/server/src/modules/legality-review): reviews of 规范性文件, 重大行政决策, 行政协议及合同 and other
 * 涉法事务. Its cases use the generic case page and 工作台; the 司法局's queue answers the kind's checklist item by item.
 */
import { lazy } from 'react';
import type { WebModule } from '../types.ts';
import { LEGALITY_STRINGS } from './strings.ts';

export const legalityReview: WebModule = {
  id: 'legality-review',
  label: 'legality-review.name',
  strings: LEGALITY_STRINGS,
  console: [
    { path: '/console/legality-review', title: 'legality-review.queue.title', ability: 'case.view', menu: {},
      screen: lazy(() => import('./console/ReviewQueue.tsx')) },
  ],
};
