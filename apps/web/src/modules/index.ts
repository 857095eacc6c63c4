/**
 * Every module of the web, in one list: the mirror of apps/server/src/modules/index.ts (same ids, same
 * order). The console's menu and routes, the portal's routes and the strings are built from it; a
 * module is registered here and nowhere else. See docs/ARCHITECTURE.md, "How to add a module".
 */
import { addStrings } from '../lib/i18n.ts';
import type { WebModule } from './types.ts';
import { legalityReview } from './legality-review/index.ts';
import { laws } from './laws/index.ts';
import { advisors } from './advisors/index.ts';
import { hotline } from './hotline/index.ts';
import { disclosure } from './disclosure/index.ts';
import { powers } from './powers/index.ts';
import { approvals } from './approvals/index.ts';
import { ratings } from './ratings/index.ts';
import { enforcement } from './enforcement/index.ts';
import { normative } from './normative/index.ts';
import { decisions } from './decisions/index.ts';

export const WEB_MODULES: WebModule[] = [legalityReview, laws, advisors, hotline, disclosure, powers, approvals, ratings, enforcement, normative, decisions];

for (const m of WEB_MODULES) addStrings(m.id, m.strings);
