/** Every module of the platform, in one list. A module is registered here and nowhere else. */
import type { ModuleManifest } from '../platform/registry.ts';
import { legalityReviewModule } from './legality-review/module.ts';

export const MODULES: ModuleManifest[] = [legalityReviewModule];
