/** 12345 回复单: after 答复诉求人 only, issued by the 承办单位 that replied (not the 12345 centre), with the reply as given. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session;
let orgs: Record<string, string>;
beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.login('dispatcher');
  handler = await env.login('handler');
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
});
afterAll(async () => { await env.close(); });

const act = async (u: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const r = await u.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, r.body).toBe(200);
};

it('12345回复单: 409 before the reply, 403 for the dispatcher, then in the 承办单位\'s name with the reply', async () => {
  const c = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: {
    channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz,
    parties: { name: '王五', phone: '13912345678' },
  } });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id;
  await act(dispatcher, id, 'dispatch', { leadOrgId: orgs.scjgj });
  await act(handler, id, 'sign');
  const early = await handler.post(`/api/v1/cases/${id}/documents`, { kind: 'hotline.reply' });
  expect(early.statusCode).toBe(409);
  expect(early.json().detail).toContain('"答复诉求人"');
  await act(handler, id, 'reply', { result: '已解决', content: '经核查，超市已退还多收款项并整改价签。', contactMethod: '电话' });
  expect((await dispatcher.post(`/api/v1/cases/${id}/documents`, { kind: 'hotline.reply' })).statusCode).toBe(403);
  const r = await handler.post(`/api/v1/cases/${id}/documents`, { kind: 'hotline.reply' });
  expect(r.statusCode, r.body).toBe(201);
  expect(r.json().number).toBe('热线复字〔2026〕1号');
  const row = (await env.ownerSql(`select org_id from case_documents where id = $1`, [r.json().id])).rows[0];
  expect(row.org_id).toBe(orgs.scjgj);
  const text = docxText((await handler.get(`/api/v1/documents/${r.json().id}/file`)).rawPayload);
  for (const s of ['12345政务服务便民热线诉求回复单', '王五：', '示范县市场监督管理局', '经核查，超市已退还多收款项并整改价签。', '办理结果：已解决', '以电话方式答复']) expect(text, s).toContain(s);
});
