/**
 * 政府信息公开申请答复书 as a 文书: numbered by the county's rule (or the 发文字号 typed when answering), with the remedy
 * paragraph of remedyNotice (复议前置 for a refusal since 2024-01-01); the letter route then returns the issued original.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';
import { sm3 } from '../../platform/crypto/sm.ts';

let env: TestEnv;
let handler: Session;
let scjgj = '';
beforeAll(async () => {
  env = await createTestEnv();
  handler = await env.login('handler');
  scjgj = String((await env.ownerSql(`select id from orgs where code = '990101-scjgj'`)).rows[0].id);
});
afterAll(async () => { await env.close(); });

async function apply(): Promise<string> {
  const applicant = { name: '李四', idNo: '110101198001011111', phone: '13900000000' };
  const input = { orgId: scjgj, channel: 'online', applicantKind: 'natural', parties: { applicant },
    description: '2025年食品抽检不合格名单', format: '电子', via: '电子邮件' };
  const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input });
  expect(r.statusCode, r.body).toBe(201);
  return String((await env.ownerSql(`select id from cases where number = $1`, [r.json().number])).rows[0].id);
}
const answer = async (id: string, input: Record<string, unknown>) => {
  const r = await handler.post(`/api/v1/cases/${id}/actions`, { action: 'answer', input });
  expect(r.statusCode, r.body).toBe(200);
};

it('答复书 numbered by the county rule, with 复议前置 for a refusal; the letter route returns the same stored file', async () => {
  const id = await apply();
  expect((await handler.post(`/api/v1/cases/${id}/documents`, { kind: 'disclosure.answer' })).statusCode).toBe(409);
  await answer(id, { answerType: 'withhold', ground: 'process', content: '所申请信息为内部讨论记录。' });
  const r = await handler.post(`/api/v1/cases/${id}/documents`, { kind: 'disclosure.answer' });
  expect(r.statusCode, r.body).toBe(201);
  expect(r.json().number).toBe('依申请公开〔2026〕1号');
  const text = docxText((await handler.get(`/api/v1/documents/${r.json().id}/file`)).rawPayload);
  for (const s of ['政府信息公开申请答复书', '李四：', '2025年食品抽检不合格名单', '第三十六条第（三）项', '属于讨论记录、过程稿', '所申请信息为内部讨论记录。', '应当先', '申请行政复议']) {
    expect(text, s).toContain(s);
  }
  const letter = await handler.get(`/api/v1/disclosure/requests/${id}/letter?kind=answer`);
  expect(letter.statusCode).toBe(200);
  expect(sm3(letter.rawPayload)).toBe(r.json().sm3);
});

it('a 发文字号 typed when answering is the 答复书\'s number (no number of the rule is taken)', async () => {
  const id = await apply();
  await answer(id, { answerType: 'disclose', content: '现予提供。', docNo: '示市监公开〔2026〕9号' });
  const r = await handler.post(`/api/v1/cases/${id}/documents`, { kind: 'disclosure.answer' });
  expect(r.statusCode, r.body).toBe(201);
  expect(r.json().number).toBe('示市监公开〔2026〕9号');
  const text = docxText((await handler.get(`/api/v1/documents/${r.json().id}/file`)).rawPayload);
  expect(text).toContain('六个月内依法提起行政诉讼');
  expect(text).not.toContain('应当先');
  expect((await env.ownerSql(`select last from document_counters where kind = 'disclosure.answer'`)).rows.map((x) => x.last)).toEqual([1]);
});
