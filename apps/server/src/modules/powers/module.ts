import type { ModuleManifest } from '../../platform/registry.ts';
import { powersMetrics } from './metrics.ts';
import { powersRoutes } from './routes.ts';
import { seedPowers } from './seed.ts';
import { powersSettingsRoutes } from './settings.ts';

/** 权责清单 and the service catalogue (政务服务事项 / 办事指南) derived from it. */
export const powersModule: ModuleManifest = {
  id: 'powers',
  label: '权责清单与政务服务事项',
  metrics: powersMetrics,
  async routes(app, ctx) { await powersRoutes(app, ctx); await powersSettingsRoutes(app, ctx); },
  seed: seedPowers,
  portalEntries: [
    { key: 'powers', label: '权责清单', description: '查询本县各部门、乡镇（街道）的权力事项、实施依据和责任事项', href: '/p/powers' },
  ],
};
