/**
 * A new case is numbered last in its transaction (issue 12: the case_counters row lock is held for the fewest statements).
 * Until then the case, its notices and alerts and the modules' copies carry a placeholder (`~<case id>`); the statement that
 * takes the number replaces it. What must hold, for every way a case is opened: no placeholder survives anywhere in the
 * database (a module copying the number at open without declaring it is caught here), the responses and receipts carry
 * the real number, the audit record names it, the seals and chains verify, and the numbers stay gap-free.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, multipart, type Session, type TestEnv } from '../harness.ts';
import { verifyChains } from '../../src/platform/audit/chain.ts';
import { DEMO_OPEN311_KEY } from '../../src/modules/hotline/seed.ts';
import { orgIds } from '../factories.ts';

let env: TestEnv;
let handler: Session; let dispatcher: Session; let admin: Session;
let orgs: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  [handler, dispatcher, admin] = await Promise.all(['handler', 'dispatcher', 'admin'].map((u) => env.login(u)));
  orgs = await orgIds(env);
});
afterAll(async () => { await env.close(); });

/** Every text and JSON value in the public schema that still holds a placeholder number. */
async function placeholdersLeft(): Promise<string[]> {
  const cols = (await env.ownerSql(`select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')`)).rows as { table_name: string; column_name: string }[];
  const found: string[] = [];
  for (const c of cols) {
    const r = await env.ownerSql(`select count(*)::int as n from "${c.table_name}" where "${c.column_name}"::text ~ '~[0-9a-f]{8}-[0-9a-f]{4}-'`);
    if (Number(r.rows[0].n) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}
const NUMBER = /^[A-Z]+-\d{4}-\d{6,}$/;

describe('numbered last: no placeholder survives, for every way a case is opened', () => {
  it('staff creates (合法性审查 with its alert, 12345 intake with its notice and projection, 行政处罚), a portal submission with a file, '
    + 'an Open311 POST, a 12345 call answered at once (rated in the same transaction as its answer)', async () => {
    const opened: string[] = [];
    const review = await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '关于编号最后取得的测试办法', draftingOrgId: orgs.scjgj,
      docKind: '办法', summary: '本办法规定了测试事项的管理要求。' } });
    expect(review.statusCode, review.body).toBe(201);
    expect(review.json().number).toMatch(NUMBER);
    opened.push(review.json().number);

    const ticket = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: { channel: 'phone', ticketType: '投诉', categoryCode: '01.02',
      description: '超市标价与结账价格不一致，多收了十元。', townshipId: orgs.cgz, parties: { name: '王五', phone: '13912345678' } } });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(JSON.stringify(ticket.json())).not.toMatch(/~[0-9a-f]{8}-/);
    opened.push(ticket.json().number);
    const answered = await dispatcher.post(`/api/v1/cases/${ticket.json().id}/actions`, { action: 'instant_answer', input: { answer: '已告知市场监管投诉渠道。' } });
    expect(answered.statusCode, answered.body).toBe(200);

    const power = (await admin.get('/api/v1/powers/items?q=CF-001')).json().items[0].id as string;
    const penalty = await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
      parties: { name: '示范县某某食品有限公司' }, facts: '销售超过保质期的食品 20 件。' } });
    expect(penalty.statusCode, penalty.body).toBe(201);
    opened.push(penalty.json().number);

    const m = multipart([
      { name: 'payload', value: JSON.stringify({ type: 'hotline_ticket', input: { channel: 'web', ticketType: '投诉', categoryCode: '01.02',
        description: '超市标价与结账价格不一致，多收了十元，附照片。', anonymous: true } }) },
      { name: 'files', filename: '照片.pdf', content: Buffer.from('%PDF-1.4\n% receipt\n%%EOF\n') },
    ]);
    const portal = await env.app.inject({ method: 'POST', url: '/api/v1/public/cases', payload: m.payload, headers: m.headers });
    expect(portal.statusCode, portal.body).toBe(201);
    expect(portal.json().number).toMatch(NUMBER);
    opened.push(portal.json().number);

    const form = new URLSearchParams({ api_key: DEMO_OPEN311_KEY, service_code: '02.01', lat: '30.1234', long: '105.5678',
      description: '人民路与解放路口井盖破损，车辆经过有危险。', phone: '13812345678', 'attribute[road]': '人民路' });
    const o311 = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
    expect(o311.statusCode, o311.body).toBe(200);
    opened.push(o311.json()[0].service_request_id);

    expect(await placeholdersLeft()).toEqual([]);
    for (const number of opened) {
      expect(number).toMatch(NUMBER);
      const c = (await env.ownerSql(`select id from cases where number = $1`, [number])).rows[0];
      expect(c, number).toBeTruthy();
      const audit = (await env.ownerSql(`select detail from audit_log where target_id = $1 and action = 'case.open'`, [c.id])).rows[0];
      expect((audit.detail as { number: string }).number).toBe(number);
    }
    // the notice of receipt names the real number; the 12345 projection too
    const told = (await env.ownerSql(`select body from notifications where case_id = $1 and channel = 'sms'`, [ticket.json().id])).rows as { body: string }[];
    expect(told.some((n) => n.body.includes(ticket.json().number))).toBe(true);
    expect((await env.ownerSql(`select number from hotline_tickets where case_id = $1`, [ticket.json().id])).rows[0].number).toBe(ticket.json().number);
    expect((await verifyChains(env.ctx.db)).problems).toEqual([]);
  });

  it('an Idempotency-Key replay returns the number the first create took; the next create takes the next one', async () => {
    const body = { type: 'legality_review', input: { title: '关于重放的测试办法', draftingOrgId: orgs.scjgj, docKind: '办法', summary: '本办法规定了测试事项的管理要求。' } };
    const a = await handler.post('/api/v1/cases', body, { 'idempotency-key': 'number-last-0001' });
    const b = await handler.post('/api/v1/cases', body, { 'idempotency-key': 'number-last-0001' });
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().number).toBe(a.json().number);
    const c = await handler.post('/api/v1/cases', body);
    const seq = (n: string) => Number(n.split('-')[2]);
    expect(seq(c.json().number)).toBe(seq(a.json().number) + 1);
    expect(await placeholdersLeft()).toEqual([]);
  });
});
