/** Every module of the platform, in one list. A module is registered here and nowhere else. */
import type { ModuleManifest } from '../platform/registry.ts';
import { legalityReviewModule } from './legality-review/module.ts';
import { lawsModule } from './laws/module.ts';
import { advisorsModule } from './advisors/module.ts';
import { hotlineModule } from './hotline/module.ts';
import { disclosureModule } from './disclosure/module.ts';
import { powersModule } from './powers/module.ts';
import { approvalsModule } from './approvals/module.ts';
import { ratingsModule } from './ratings/module.ts';
import { enforcementModule } from './enforcement/module.ts';
import { normativeModule } from './normative/module.ts';
import { decisionsModule } from './decisions/module.ts';

export const MODULES: ModuleManifest[] = [legalityReviewModule, lawsModule, advisorsModule, hotlineModule, disclosureModule, powersModule,
  approvalsModule, ratingsModule, enforcementModule, normativeModule, decisionsModule];
