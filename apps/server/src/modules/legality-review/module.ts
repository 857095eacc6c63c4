import type { ModuleManifest } from '../../platform/registry.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import { legalDateOf } from '@yifa/contracts';
import { requireDesignatedWith } from '../../platform/orgs/designations.ts';
import { AppError } from '../../platform/http/problem.ts';
import { KIND_RULE, LEGALITY_RULES, legalityReviewWorkflow, type ReviewKind } from './workflow.ts';
import { checkReviewInput } from './review.ts';
import { LEGALITY_DOCUMENTS } from './documents.ts';
import { LEGALITY_DEADLINES, legalityMetrics } from './metrics.ts';
import { seedLegalityReview } from './seed.ts';
import { legalityRoutes } from './routes.ts';
import { INCIDENTAL_DEADLINES, INCIDENTAL_RULES, incidentalCaseType } from './incidental.ts';

const caseType: CaseType = {
  workflow: legalityReviewWorkflow,
  async open(input, _actor, ctx, trx, at) {
    // The review is held by the county's justice bureau (a designated org); the drafting org assists (both read at once).
    const drafting = String(input.draftingOrgId);
    const { designated: reviewer, orgs } = await requireDesignatedWith(ctx, trx, ctx.config.defaultRegion, 'justice_bureau', legalDateOf(at), 'body.type',
      [drafting]);
    const kind = (input.kind as ReviewKind | undefined) ?? '规范性文件';
    if (kind === '规范性文件' && !input.docKind) {
      throw new AppError('validation_failed', '规范性文件请选择公文种类', { errors: [{ path: 'body.input.docKind', message: '规范性文件请选择公文种类' }] });
    }
    // The kind picks the clock's rule variant (legality.review.decision …); 规范性文件 keeps the base rule of 115号.
    const reviewRule = KIND_RULE[kind];
    return {
      orgId: reviewer.id, owner: reviewer.dissolvedOn ? undefined : { path: reviewer.path, regionCode: reviewer.regionCode },
      title: String(input.title),
      data: { ...input, kind, ...(reviewRule ? { reviewRule } : {}) },
      orgs: [{ orgId: drafting, role: 'assist', known: orgs.get(drafting) }],
    };
  },
  reduce(data, action, input) {
    if (action === 'conclude') {
      return { ...data, conclusion: input.conclusion, opinionNo: input.opinionNo, checklist: input.checklist, changes: input.changes,
        urgentReason: input.urgentReason };
    }
    if (action === 'return') return { ...data, returnReason: input.reason };
    return data;
  },
  checkInput: checkReviewInput,
  publicFields: ['kind', 'docKind', 'conclusion', 'opinionNo'],
};

export const legalityReviewModule: ModuleManifest = {
  id: 'legality-review',
  label: '合法性审查（规范性文件、重大行政决策、行政协议及合同、其他涉法事务）',
  caseTypes: [caseType, incidentalCaseType],
  rules: [...LEGALITY_RULES, ...INCIDENTAL_RULES],
  metrics: legalityMetrics,
  deadlines: { legality_review: LEGALITY_DEADLINES, incidental_review: INCIDENTAL_DEADLINES },
  documents: LEGALITY_DOCUMENTS,
  routeAccess: { 'GET /legality-review/checklists': 'org.view', 'GET /legality-review/kinds': 'org.view' },
  routes: legalityRoutes,
  seed: seedLegalityReview,
};
