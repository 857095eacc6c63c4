/**
 * 行政处罚文书 (公文 layout, the county's 文号 rules): 409 before their step; 立案审批表, 告知书 (with the 听证 right), 听证通知书
 * and the 决定书 with the Art. 59 fields, numbered with the 决定书编号 given at the decision.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';
import { orgIds } from '../../../test/factories.ts';

let env: TestEnv;
let handler: Session;
let power = '';
beforeAll(async () => {
  env = await createTestEnv();
  handler = await env.login('handler');
  const orgs = await orgIds(env);
  power = (await (await env.login('admin')).get('/api/v1/powers/items?q=CF-001')).json().items[0].id;
  for (const no of ['DOC-0001', 'DOC-0002', 'DOC-0003']) {
    expect((await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: no, name: '测试员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31' })).statusCode).toBe(201);
  }
});
afterAll(async () => { await env.close(); });

const act = async (id: string, action: string, input: Record<string, unknown> = {}) => {
  const r = await handler.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, r.body).toBe(200);
};
const issue = async (id: string, kind: string) => {
  const r = await handler.post(`/api/v1/cases/${id}/documents`, { kind });
  expect(r.statusCode, r.body).toBe(201);
  return { number: r.json().number as string, text: docxText((await handler.get(`/api/v1/documents/${r.json().id}/file`)).rawPayload) };
};

it('立案审批表, 告知书, 听证通知书 and 决定书 (Art. 59 fields), each after its step', async () => {
  const c = await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
    parties: { name: '示范县某某食品有限公司' }, facts: '销售超过保质期的食品 20 件。' } });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const early = await handler.post(`/api/v1/cases/${id}/documents`, { kind: 'enforcement.decision' });
  expect(early.statusCode).toBe(409);
  const filing = await issue(id, 'enforcement.filing');
  expect(filing.number).toBe('市监立〔2026〕1号');
  for (const s of ['立案审批表', '示范县某某食品有限公司', '对生产经营不符合食品安全标准食品的处罚', '销售超过保质期的食品 20 件。']) expect(filing.text, s).toContain(s);
  await act(id, 'investigate', { officerCertNos: ['DOC-0001', 'DOC-0002'], record: '现场检查记录' });
  await act(id, 'notify', { proposedPenalty: '罚款 8000 元', fineAmount: 8000, reasons: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条',
    hearingRight: true });
  const notice = await issue(id, 'enforcement.notice');
  for (const s of ['行政处罚事先告知书', '示范县某某食品有限公司：', '罚款 8000 元', '五个工作日内提出']) expect(notice.text, s).toContain(s);
  await act(id, 'request_hearing');
  await act(id, 'schedule_hearing', { hearingOn: '2026-06-26', place: '县市场监管局听证室', chair: '王某', chairCertNo: 'DOC-0003' });
  const hearing = await issue(id, 'enforcement.hearing');
  for (const s of ['听证通知书', '2026年6月26日', '县市场监管局听证室', '王某']) expect(hearing.text, s).toContain(s);
  env.clock.set('2026-06-26T09:00:00+08:00');
  handler = await env.login('handler');
  await act(id, 'hearing_held', { record: '当事人对事实无异议，请求从轻处罚', signed: true });
  await act(id, 'decide', { outcome: '处罚', decisionNo: '示市监罚〔2026〕66号', fineAmount: 8000, penalty: '罚款 8000 元，依据食品安全法第一百二十四条',
    remedies: '如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。' });
  const decision = await issue(id, 'enforcement.decision');
  expect(decision.number).toBe('示市监罚〔2026〕66号');
  for (const s of ['行政处罚决定书', '当事人：示范县某某食品有限公司', '违法事实和证据：销售超过保质期的食品 20 件。', '罚款 8000 元，依据食品安全法第一百二十四条',
    '十五日内', '百分之三加处罚款', '六十日内申请行政复议', '示范县市场监督管理局']) expect(decision.text, s).toContain(s);
});
