import type { ModuleManifest } from '../../platform/registry.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import { AppError } from '../../platform/http/problem.ts';
import { LEGALITY_RULES, legalityReviewWorkflow } from './workflow.ts';
import { legalityMetrics } from './metrics.ts';
import { seedLegalityReview } from './seed.ts';

const caseType: CaseType = {
  workflow: legalityReviewWorkflow,
  async open(input, _actor, ctx, trx) {
    // The review is held by the county's justice bureau; the drafting org assists.
    const reviewer = await trx.selectFrom('orgs').select('id').where('code', '=', `${ctx.config.defaultRegion}-sfj`).where('dissolvedOn', 'is', null).executeTakeFirst();
    if (!reviewer) throw new AppError('validation_failed', '本县未设置司法局（机构编码 <区划>-sfj）', { errors: [{ path: 'body.type', message: '缺少审核机关' }] });
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
  seed: seedLegalityReview,
};
