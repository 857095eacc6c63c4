/**
 * Public comments on a draft (公开征求意见), one capability for every module that consults the public — 规范性文件
 * (优化营商环境条例 Art. 62) and 重大行政决策 (713号 Art. 15): the body schema (name and phone optional), the per-IP limit
 * of a public write, and the insert — name and phone field-encrypted and masked, the text with personal data masked for
 * publication — with its audit record in the same transaction. Each module keeps its comments in its own table with these
 * columns (normative_comments, decision_comments) and adds its own (moderation, answers).
 */
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { maskName, maskPhone } from '../crypto/mask.ts';
import { redactText } from '../crypto/redact.ts';
import { appendAuditInTrx } from '../audit/chain.ts';

export const zPublicComment = z.object({
  body: z.string().trim().min(5, '请填写意见（至少 5 个字）').max(5000, '意见最多 5000 个字'),
  name: z.string().trim().max(40, '姓名最多 40 个字').optional(),
  phone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式有误').optional().or(z.literal('').transform(() => undefined)),
});
export type PublicComment = z.infer<typeof zPublicComment>;

/** A public write: a tenth of the public read limit per IP and minute. */
export const publicWriteConfig = (ctx: Ctx) => ({
  public: true, rateLimit: { max: Math.max(3, Math.floor(ctx.config.rateLimit.public / 10)), timeWindow: '1 minute' },
});

/** The comment tables: the shared columns (see the module's migration). */
export type CommentTable = 'normativeComments' | 'decisionComments';

export async function insertPublicCommentInTrx(ctx: Ctx, trx: Tx, p: {
  table: CommentTable; caseId: string; regionCode: string; comment: PublicComment; ip: string | null; auditAction: string; at: Date;
}): Promise<{ id: string }> {
  const b = p.comment;
  const row = await trx.insertInto(p.table as 'normativeComments').values({
    caseId: p.caseId, regionCode: p.regionCode, nameEnc: ctx.crypto.encryptOpt(b.name || null), nameMasked: maskName(b.name || null),
    phoneEnc: ctx.crypto.encryptOpt(b.phone ?? null), phoneMasked: maskPhone(b.phone ?? null), body: b.body, bodyPublic: redactText(b.body, [b.name]),
    createdAt: p.at,
  }).returning('id').executeTakeFirstOrThrow();
  await appendAuditInTrx(trx, { id: null, name: '公众', ip: p.ip },
    { action: p.auditAction, targetType: 'case', targetId: p.caseId, detail: { commentId: row.id } },
    p.at, p.regionCode);
  return row;
}
