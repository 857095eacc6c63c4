/**
 * County data of 规范性文件 (115号 二(三): each locality publishes its 制定主体清单, the allowed 公文种类 and 管理事项类别),
 * the 登记号 pattern and the 有效期 (no national figure: DOMAIN.md §4.4 "unsourced", local practice ≤5 years, 试行/暂行 ≤2).
 * The 备案 and 纠错 windows are clock rules (workflow.ts, configurable per county on the rules page).
 */
import { z } from 'zod';
import type { Conn } from '../../platform/db/client.ts';
import { defineSettings, readSettings } from '../../platform/settings/settings.ts';
import { zUuid } from '../../platform/http/validation.ts';

/** The kinds a 合法性审核 of a 规范性文件 accepts (legality_review's create input): a county picks its list among them. */
export const DOC_KINDS = ['决定', '命令', '公告', '通告', '意见', '通知', '办法', '规定', '细则'] as const;

export const NORMATIVE_DEFAULTS = {
  issuers: [] as string[],
  docKinds: ['决定', '公告', '通告', '意见', '通知', '办法', '规定', '细则'] as (typeof DOC_KINDS)[number][],
  categories: ['市场监管', '城乡建设', '自然资源', '生态环境', '农业农村', '教育', '民政', '卫生健康', '交通运输', '应急管理', '财政税费', '其他'],
  regNoPrefix: 'SXGS',
  validityYears: 5,
  trialValidityYears: 2,
  expiryReminderDays: 90,
};

export const NORMATIVE_SETTINGS = defineSettings({
  module: 'normative',
  schema: z.object({
    issuers: z.array(zUuid).max(500).meta({ title: '规范性文件制定主体清单（机构）' }),
    docKinds: z.array(z.enum(DOC_KINDS, `公文种类应为：${DOC_KINDS.join('、')}`)).min(1, '至少一种公文种类').max(30).meta({ title: '规范性文件可用公文种类' }),
    categories: z.array(z.string().trim().min(1).max(40)).min(1, '至少一个管理事项类别').max(60).meta({ title: '管理事项类别' }),
    regNoPrefix: z.string().trim().regex(/^[A-Z]{2,8}$/, '登记号前缀应为 2–8 个大写字母').meta({ title: '统一登记号前缀（如 SXGS—2026—1）' }),
    validityYears: z.number().int('应为整数').min(1, '至少 1 年').max(5, '有效期不超过 5 年').meta({ title: '有效期（年）' }),
    trialValidityYears: z.number().int('应为整数').min(1, '至少 1 年').max(2, '试行、暂行不超过 2 年').meta({ title: '试行、暂行文件有效期（年）' }),
    expiryReminderDays: z.number().int('应为整数').min(7, '至少 7 日').max(365, '最多 365 日').meta({ title: '有效期届满前提醒（日）' }),
  }),
  defaults: NORMATIVE_DEFAULTS,
  sources: {
    issuers: '国办发〔2018〕115号 二(三)：各地区要根据实际，明确规范性文件制定主体范围并向社会公布（清单内容本县设定）',
    docKinds: '国办发〔2018〕115号 二(三)：明确规范性文件的公文种类（本县设定）',
    categories: '国办发〔2018〕115号 二(三)：明确管理事项类别（本县设定）',
    regNoPrefix: '未见全国规定，本县设定："三统一"（统一登记、统一编号、统一公布）见地方规定，式样参照惠州"HFGS—2017—9"',
    validityYears: '未见全国规定，本县设定：地方通行做法有效期一般不超过5年',
    trialValidityYears: '未见全国规定，本县设定：地方通行做法试行、暂行文件有效期一般不超过2年',
    expiryReminderDays: '本平台默认（未见全国规定，本县设定）',
  },
});

export async function normativeSettings(conn: Conn, region: string, at?: Date) {
  return (await readSettings(conn, region, NORMATIVE_SETTINGS, at)).values;
}
