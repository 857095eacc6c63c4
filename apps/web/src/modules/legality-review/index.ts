/**
 * 规范性文件合法性审核 (server: apps/server/src/modules/legality-review): a workflow-only module — its
 * cases use the generic case page and 工作台, so it has no screens; the entry names it (the
 * dashboard's module filter shows its metrics under this name).
 */
import type { WebModule } from '../types.ts';

export const legalityReview: WebModule = {
  id: 'legality-review',
  label: 'legality-review.name',
  strings: { 'zh-CN': { 'legality-review.name': '合法性审查' } },
};
