/**
 * Actions of a 合法性审查 case for its 法律顾问 / 公职律师 / 专家 (713号 Art. 28: 合法性审查 involves 法律顾问、公职律师; 专家 from the
 * 专家库): assign one, record the declaration of no conflict of interest (or the recusal), record the opinion signed. The
 * reviewer records them (advisors are often outside yifa); the advisors module checks and keeps them (advisor_assignments).
 */
import { z } from 'zod';
import { zId } from '@yifa/contracts';

export const DECLARATIONS = ['无利益冲突', '存在利益冲突，申请回避'] as const;

export const ADVISOR_ACTIONS = {
  assign_advisor: {
    label: '指派法律顾问或专家', to: 'reviewing', roles: ['reviewer'],
    input: z.object({ advisorId: zId('请选择法律顾问或专家').meta({ title: '法律顾问、公职律师或专家' }) }),
  },
  advisor_declare: {
    label: '登记利益冲突声明', to: 'reviewing', roles: ['reviewer'],
    input: z.object({
      declaration: z.enum(DECLARATIONS, '请选择声明').meta({ title: '利益冲突声明' }),
      note: z.string().trim().max(500, '最多 500 个字').optional().meta({ title: '说明' }),
    }),
  },
  advisor_sign: {
    label: '登记顾问（专家）签署的意见', to: 'reviewing', roles: ['reviewer'],
    input: z.object({ opinion: z.string().trim().min(10, '请填写意见（至少 10 个字）').max(5000, '最多 5000 个字').meta({ title: '签署的意见' }) }),
  },
} as const;
