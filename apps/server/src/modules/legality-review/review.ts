/**
 * What 国办发〔2018〕115号 and 713号 Art. 26–27 ask of a 合法性审查 beyond its workflow table (case type `checkInput`):
 * - the checklist of the case's kind answered item by item, each item once, a 不符合 item explained;
 * - a conclusion 合法 only when no item is 不符合; 修改后合法 records the changes;
 * - not concluded sooner than the floor of the kind (115号: 一般不少于5个工作日; 713号 Art. 26: 7) — counted by the ledger as
 *   the working days the review clock has run (补充材料 time excluded) — unless the 突发事件 / 紧急命令 exception is recorded;
 * - a 重大行政决策 review concluded only with the legal opinion of a 政府法律顾问 or 公职律师 signed on the case (713号 Art. 28:
 *   "应当组织法律顾问、公职律师提出法律意见"; an expert of the 专家库 alone does not suffice).
 */
import { legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { CaseFacts } from '../../platform/cases/case-type.ts';
import { AppError } from '../../platform/http/problem.ts';
import { caseClocks, resolveRule } from '../../platform/time/ledger-store.ts';
import { CHECKLISTS, KIND_FLOOR, type ReviewKind } from './workflow.ts';
import { signedOpinions } from '../advisors/store.ts';

export const kindOf = (data: Record<string, unknown>): ReviewKind => (data.kind as ReviewKind | undefined) ?? '规范性文件';

type Answer = { item: string; answer: '符合' | '不符合' | '不适用'; note?: string };

export async function checkReviewInput(
  trx: Tx, c: CaseFacts, action: string, input: Record<string, unknown>, _actor: unknown, ctx: Ctx, at: Date,
): Promise<void> {
  if (action !== 'conclude') return;
  const kind = kindOf(c.data);
  const list = CHECKLISTS[kind];
  const errors: { path: string; message: string }[] = [];
  const answers = (input.checklist as Answer[] | undefined) ?? [];
  const missing = list.items.filter((i) => !answers.some((a) => a.item === i));
  if (missing.length) errors.push({ path: 'body.input.checklist', message: `请逐项填写审查要点（${list.basis}），尚缺：${missing.join('；')}` });
  answers.forEach((a, i) => {
    if (!list.items.includes(a.item)) errors.push({ path: `body.input.checklist.${i}.item`, message: `"${a.item}"不是${kind}的审查要点` });
    else if (answers.findIndex((b) => b.item === a.item) !== i) errors.push({ path: `body.input.checklist.${i}.item`, message: `审查要点"${a.item}"重复填写` });
    if (a.answer === '不符合' && !a.note) errors.push({ path: `body.input.checklist.${i}.note`, message: '审查结果为不符合的，请说明问题' });
  });
  if (input.conclusion === '合法' && answers.some((a) => a.answer === '不符合')) {
    errors.push({ path: 'body.input.conclusion', message: '审查要点中有不符合项，结论不能为合法（应为修改后合法或不合法）' });
  }
  if (input.conclusion === '修改后合法' && !input.changes) errors.push({ path: 'body.input.changes', message: '结论为修改后合法的，请写明需要修改的内容' });
  if (errors.length) throw new AppError('validation_failed', errors[0].message, { errors });
  if (kind === '重大行政决策' && !(await signedOpinions(trx, c.id)).some((o) => o.kind === '政府法律顾问' || o.kind === '公职律师')) {
    throw new AppError('transition_not_allowed', '重大行政决策的合法性审查，应当组织法律顾问、公职律师提出法律意见（《重大行政决策程序暂行条例》第二十八条）：'
      + '请先指派政府法律顾问或公职律师，登记其利益冲突声明和签署的意见，再作出审查结论', { state: c.state });
  }
  if (input.urgentReason) return;
  const floorKey = KIND_FLOOR[kind];
  if (!floorKey) return;
  // as of the act's own time: a conclusion recorded later is measured on the day it was made
  const review = (await caseClocks(ctx, trx, c.id, at)).find((k) => k.key === 'review');
  if (!review || review.remaining === null) return;
  const floor = await resolveRule(ctx, trx, floorKey, legalDateOf(at), c.regionCode);
  const used = review.totalLength - review.remaining;
  if (used < floor.length) {
    throw new AppError('validation_failed', `审核时间不足：已审核${used}个工作日，${floor.basis}。确属例外情形的，请选择例外情形`, {
      errors: [{ path: 'body.input.urgentReason', message: `审核时间不足${floor.length}个工作日（已${used}个），须选择例外情形` }],
    });
  }
}
