import type { ModuleManifest } from '../../platform/registry.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import { legalDateOf } from '@yifa/contracts';
import { requireDesignated } from '../../platform/orgs/designations.ts';
import { LEGALITY_RULES, legalityReviewWorkflow } from './workflow.ts';
import { LEGALITY_DEADLINES, legalityMetrics } from './metrics.ts';
import { seedLegalityReview } from './seed.ts';

const caseType: CaseType = {
  workflow: legalityReviewWorkflow,
  async open(input, _actor, ctx, trx, at) {
    // The review is held by the county's justice bureau (a designated org); the drafting org assists.
    const reviewer = await requireDesignated(ctx, trx, ctx.config.defaultRegion, 'justice_bureau', legalDateOf(at), 'body.type');
    return {
      orgId: reviewer.id,
      title: String(input.title),
      data: input,
      orgs: [{ orgId: String(input.draftingOrgId), role: 'assist' }],
    };
  },
  reduce(data, action, input) {
    if (action === 'conclude') return { ...data, conclusion: input.conclusion, opinionNo: input.opinionNo };
    if (action === 'return') return { ...data, returnReason: input.reason };
    return data;
  },
  publicFields: ['docKind', 'conclusion', 'opinionNo'],
};

export const legalityReviewModule: ModuleManifest = {
  id: 'legality-review',
  label: '规范性文件合法性审核',
  caseTypes: [caseType],
  rules: LEGALITY_RULES,
  metrics: legalityMetrics,
  deadlines: { legality_review: LEGALITY_DEADLINES },
  seed: seedLegalityReview,
};
