/** The county's settings of 公开征求意见: whether a comment needs a phone verified by SMS, and how long a code lasts. */
import { z } from 'zod';
import { defineSettings } from '../settings/settings.ts';

export const CONSULTATION_SETTINGS = defineSettings({
  module: 'spine.consultations',
  label: '公开征求意见',
  schema: z.object({
    phoneVerification: z.boolean('请选择是或否').meta({ title: '提交意见须填写手机号并短信验证（关闭时姓名、电话均可不填）' }),
    codeMinutes: z.number('请填写分钟数').int('应为整数').min(2, '至少 2 分钟').max(60, '最多 60 分钟').meta({ title: '短信验证码有效期（分钟）' }),
  }),
  defaults: { phoneVerification: false, codeMinutes: 10 },
  sources: {
    phoneVerification: '无全国规定（unsourced）：713号第十五条、优化营商环境条例第六十二条只要求公开征求意见；是否实名验证由本县决定，默认不要求',
    codeMinutes: '无全国规定（unsourced）：本平台默认 10 分钟，由本县设定',
  },
});
