/**
 * Issue 10 items 15 and 16: tracking needs the number and a second factor (the receipt's code or the phone given); public
 * titles come from the category, never from the citizen's words; confidential matters show only their state; personal data
 * typed into free text is masked in every public output (portal, Open311 JSON and XML) and in staff lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { DEMO_OPEN311_KEY } from '../../src/modules/hotline/seed.ts';

let env: TestEnv;
let dispatcher: Session;
beforeAll(async () => { env = await createTestEnv(); dispatcher = await env.login('dispatcher'); });
afterAll(async () => { await env.close(); });

const SECRETS = ['张小明', '511325199001011234', '13812345678', '502室'];
const words = `我叫张小明，身份证511325199001011234，电话13812345678，住人民路15号3栋502室门口的井盖缺失，晚上很危险。`;
const submit = (input: Record<string, unknown>) => anonymous(env.app).post('/api/v1/public/cases', {
  type: 'hotline_ticket', input: { ticketType: '求助', categoryCode: '02.01', attributes: { road: '人民路' }, description: words, parties: { name: '张小明', phone: '13812345678' }, ...input },
});

describe('tracking needs a second factor', () => {
  let number = ''; let code = '';
  it('the receipt carries the code; the title comes from the category, not the citizen\'s words', async () => {
    const r = await submit({});
    expect(r.statusCode, r.body).toBe(201);
    ({ number, trackingCode: code } = r.json());
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(r.json().title).toBe('求助：道路破损');
    for (const s of SECRETS) expect(r.body, s).not.toContain(s);
  });

  it('without a factor: 400 naming it; a wrong code or phone answers like an unknown number', async () => {
    const anon = anonymous(env.app);
    expect((await anon.get(`/api/v1/public/track/${number}`)).statusCode).toBe(400);
    const none = await anon.post('/api/v1/public/track', { number });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.code']);
    const wrong = await anon.get(`/api/v1/public/track/${number}?code=ABCD2345`);
    const unknown = await anon.get(`/api/v1/public/track/RX-1999-000001?code=${code}`);
    const wrongPhone = await anon.post('/api/v1/public/track', { number, phone: '13900000000' });
    expect([wrong.statusCode, unknown.statusCode, wrongPhone.statusCode]).toEqual([404, 404, 404]);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('walking the sequential numbers with a guessed code finds nothing', async () => {
    const anon = anonymous(env.app);
    const year = number.slice(3, 7);
    for (let i = 1; i <= 8; i++) {
      const r = await anon.get(`/api/v1/public/track/RX-${year}-${String(i).padStart(6, '0')}?code=${code}`);
      expect(r.statusCode === 404 || r.json().number === number).toBe(true);
    }
  });

  it('with the code or the phone: the state, the unit handling it, no personal data', async () => {
    const anon = anonymous(env.app);
    const byCode = await anon.get(`/api/v1/public/track/${number}?code=${code.toLowerCase()}`);
    const byPhone = await anon.post('/api/v1/public/track', { number, phone: '138 1234 5678' });
    for (const r of [byCode, byPhone]) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ number, title: '求助：道路破损', confidential: false });
      for (const s of SECRETS) expect(r.body, s).not.toContain(s);
    }
  });

  it('a confidential 举报 shows only its number and state', async () => {
    const r = await submit({ ticketType: '举报' });
    const t = await anonymous(env.app).get(`/api/v1/public/track/${r.json().number}?code=${r.json().trackingCode}`);
    expect(t.json()).toMatchObject({ confidential: true, timeline: [], clocks: [], facts: {}, orgName: null, title: '举报：道路破损' });
  });

  it('a 情景式 receipt (QJ-…) is tracked the same way', async () => {
    const sc = (await anonymous(env.app).get('/api/v1/public/scenarios')).json()[0];
    const r = await anonymous(env.app).post(`/api/v1/public/scenarios/${sc.id}/apply`, {
      channel: 'online', applicantKind: 'person', applicantName: '郑小川', applicantPhone: '13900002222', materials: sc.materials.map((m: { name: string }) => m.name), form: {},
    });
    expect(r.statusCode, r.body).toBe(201);
    const { number: qj, trackingCode } = r.json();
    expect((await anonymous(env.app).get(`/api/v1/public/track/${qj}?code=${trackingCode}`)).json()).toMatchObject({ number: qj, typeLabel: '情景式服务' });
    expect((await anonymous(env.app).post('/api/v1/public/track', { number: qj, phone: '13900002222' })).statusCode).toBe(200);
    expect((await anonymous(env.app).get(`/api/v1/public/bundles/${qj}?code=ABCD2345`)).statusCode).toBe(404);
    expect((await anonymous(env.app).get(`/api/v1/public/bundles/${qj}`)).statusCode).toBe(400);
  });
});

describe('personal data typed into free text', () => {
  it('is masked in Open311 JSON and XML (description, address below street level)', async () => {
    const p = new URLSearchParams({
      api_key: DEMO_OPEN311_KEY, service_code: '02.01', address_string: '示范县城关镇人民路15号3栋502室', description: words, last_name: '张', first_name: '小明', 'attribute[road]': '人民路',
    });
    const made = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json()[0].service_request_id;
    for (const fmt of ['json', 'xml']) {
      const r = await env.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.${fmt}` });
      expect(r.statusCode).toBe(200);
      for (const s of SECRETS) expect(r.body, `${fmt} ${s}`).not.toContain(s);
      expect(r.body).toContain('人民路');
    }
  });

  it('is masked in staff lists (the case page keeps the words for the handling chain)', async () => {
    const c = await dispatcher.post('/api/v1/cases', {
      type: 'hotline_ticket', input: { ticketType: '求助', categoryCode: '02.01', attributes: { road: '人民路' }, description: words, parties: { name: '张小明', phone: '13812345678' } },
    });
    expect(c.statusCode, c.body).toBe(201);
    const lists = [await dispatcher.get('/api/v1/cases?limit=200'), await dispatcher.get('/api/v1/hotline/tickets?view=all&limit=200')];
    for (const l of lists) for (const s of SECRETS) expect(l.body, s).not.toContain(s);
    const page = (await dispatcher.get(`/api/v1/cases/${c.json().id}`)).json();
    expect(page.facts.find((f: { key: string }) => f.key === 'description').value).toBe(words);
  });
});
