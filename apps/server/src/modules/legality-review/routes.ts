import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import { CHECKLISTS, REVIEW_KINDS, URGENT_REASONS } from './workflow.ts';

/** The review checklists per kind (the 审查 form asks them item by item), the kinds and the exceptions to the minimum time. */
export async function legalityRoutes(api: FastifyInstance, _ctx: Ctx) {
  api.get('/legality-review/checklists', async () => CHECKLISTS);
  api.get('/legality-review/kinds', async () => ({ kinds: REVIEW_KINDS, urgentReasons: URGENT_REASONS }));
}
