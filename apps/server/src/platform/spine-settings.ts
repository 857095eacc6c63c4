/** The spine's county settings (the settings facility, module 'spine'). */
import { z } from 'zod';
import { defineSettings } from './settings/settings.ts';

export const SPINE_SETTINGS = defineSettings({
  module: 'spine',
  schema: z.object({
    recordLateDays: z.number('请填写天数').int('应为整数').min(1, '至少 1 日').max(800, '最多 800 日')
      .meta({ title: '补录时限（日）：按实际发生时间补录办理行为，最早可追溯到多少日以前' }),
  }),
  defaults: { recordLateDays: 400 },
  sources: {
    recordLateDays: '无全国规定：本平台默认 400 日，足以在次年年报编制期间补录上一年的全部纸质办理记录；由本县规定',
  },
});
