/** County settings of one-window approvals (the spine's settings facility). */
import { z } from 'zod';
import { defineSettings } from '../../platform/settings/settings.ts';

export const APPROVALS_SETTINGS = defineSettings({
  module: 'approvals',
  schema: z.object({
    sameOfficerInstant: z.boolean('请选择是或否').meta({ title: '即办件可由受理人员当场作出许可决定' }),
  }),
  defaults: { sameOfficerInstant: false },
  sources: {
    sameOfficerInstant: '无全国规定：受理与审批分岗是本平台默认；即办件（当场办结）是否允许同一人受理并决定，由本县规定',
  },
});
