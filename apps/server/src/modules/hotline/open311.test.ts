/**
 * Open311 GeoReport v2 conformance: every endpoint in XML and JSON, every error in the spec's form
 * (ANCHORS.md §1), plus pagination and FixMyStreet's servicerequestupdates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { DEMO_OPEN311_KEY } from './seed.ts';
import { sm3 } from '../../platform/crypto/sm.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session;
beforeAll(async () => { env = await createTestEnv(); [dispatcher, handler] = await Promise.all(['dispatcher', 'handler'].map((u) => env.login(u))); });
afterAll(async () => { await env.close(); });

const get = (url: string) => env.app.inject({ method: 'GET', url });
const post = (url: string, form: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) p.append(k, x);
  return env.app.inject({ method: 'POST', url, payload: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
};
function expectXml(r: LightMyRequestResponse, root: string) {
  expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(r.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(r.body).toContain(`<${root}>`);
}
function expectJson(r: LightMyRequestResponse) {
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  return r.json();
}
function expectError(r: LightMyRequestResponse, status: number, fmt: 'json' | 'xml') {
  expect(r.statusCode).toBe(status);
  if (fmt === 'json') {
    const e = expectJson(r);
    expect(Array.isArray(e)).toBe(true);
    expect(e[0]).toMatchObject({ code: status });
    expect(typeof e[0].description).toBe('string');
    return e;
  }
  expectXml(r, 'errors');
  expect(r.body).toMatch(new RegExp(`<error><code>${status}</code><description>[^<]+</description></error>`));
  return r.body;
}
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const good = { api_key: DEMO_OPEN311_KEY, service_code: '02.01', lat: '30.1234', long: '105.5678', description: '人民路与解放路口井盖破损，车辆经过有危险。联系我 13812345678', first_name: '三', last_name: '张', phone: '13812345678', email: 'z@example.com', 'attribute[road]': '人民路' };

describe('discovery', () => {
  for (const fmt of ['json', 'xml'] as const) {
    it(`discovery.${fmt}: all required fields, both formats declared`, async () => {
      const r = await get(`/open311/v2/discovery.${fmt}`);
      expect(r.statusCode).toBe(200);
      if (fmt === 'json') {
        const d = expectJson(r);
        expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
        expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'test', formats: ['text/xml', 'application/json'] });
        expect(d.endpoints[0].url).toMatch(/\/open311\/v2$/);
        expect(d.changeset).toMatch(W3C);
      } else {
        expectXml(r, 'discovery');
        expect(r.body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
        expect(r.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
      }
    });
  }
});

describe('services', () => {
  it('services.json: a bare array of leaves with group and keywords, codes as strings', async () => {
    const s = expectJson(await get('/open311/v2/services.json'));
    expect(Array.isArray(s)).toBe(true);
    const road = s.find((x: { service_code: string }) => x.service_code === '02.01');
    expect(road).toEqual({ service_code: '02.01', service_name: '道路破损', description: '道路破损', metadata: true, type: 'realtime', keywords: '道路,坑洼,路面,井盖', group: '城乡建设' });
    expect(s.find((x: { service_code: string }) => x.service_code === '02')).toBeUndefined();
    expect(s.find((x: { service_code: string }) => x.service_code === '01.02').metadata).toBe(false);
  });
  it('services.xml', async () => {
    const r = await get('/open311/v2/services.xml');
    expectXml(r, 'services');
    expect(r.body).toContain('<service><service_code>02.01</service_code><service_name>道路破损</service_name>');
    expect(r.body).toContain('<metadata>true</metadata><type>realtime</type>');
  });
  it('jurisdiction_id: ours or absent is fine, another is 404 (both formats)', async () => {
    expect((await get('/open311/v2/services.json?jurisdiction_id=990101')).statusCode).toBe(200);
    expect((await get('/open311/v2/services.json?jurisdiction_id=')).statusCode).toBe(200);
    expectError(await get('/open311/v2/services.json?jurisdiction_id=sfgov.org'), 404, 'json');
    expectError(await get('/open311/v2/services.xml?jurisdiction_id=sfgov.org'), 404, 'xml');
  });
  it('service definition: attributes in order, list values; unknown code 404', async () => {
    const d = expectJson(await get('/open311/v2/services/03.01.json'));
    expect(d.service_code).toBe('03.01');
    expect(d.attributes[0]).toMatchObject({ variable: true, code: 'source', datatype: 'singlevaluelist', required: true, order: 1, description: '噪声来源' });
    expect(d.attributes[0].values[0]).toEqual({ key: 'construction', name: '建筑施工' });
    const x = await get('/open311/v2/services/03.01.xml');
    expectXml(x, 'service_definition');
    expect(x.body).toContain('<values><value><key>construction</key><name>建筑施工</name></value>');
    expectError(await get('/open311/v2/services/99.99.json'), 404, 'json');
    expectError(await get('/open311/v2/services/99.99.xml'), 404, 'xml');
  });
  it('an unknown format or resource is a 404 in the spec form', async () => {
    expectError(await get('/open311/v2/services.html'), 404, 'xml');
    expectError(await get('/open311/v2/widgets.json'), 404, 'json');
    expectError(await get('/open311/v2/nothing/here/at/all.json'), 404, 'json');
  });
});

describe('POST requests', () => {
  for (const fmt of ['json', 'xml'] as const) {
    it(`${fmt}: 403 without or with a bad api_key`, async () => {
      const { api_key: _k, ...noKey } = good;
      const e = expectError(await post(`/open311/v2/requests.${fmt}`, noKey), 403, fmt);
      if (fmt === 'xml') expect(e).toContain('<code>403</code>');
      expectError(await post(`/open311/v2/requests.${fmt}`, { ...good, api_key: 'wrong' }), 403, fmt);
    });
    it(`${fmt}: 400 for every missing or bad argument at once; 404 for an unknown service`, async () => {
      const r = await post(`/open311/v2/requests.${fmt}`, { api_key: DEMO_OPEN311_KEY, lat: '30.1', phone: '12', media_url: 'ftp://x', description: 'x'.repeat(4001) });
      expectError(r, 400, fmt);
      if (fmt === 'json') expect(r.json().length).toBe(6);
      expectError(await post(`/open311/v2/requests.${fmt}`, { ...good, service_code: '99.99' }), 404, fmt);
      expectError(await post(`/open311/v2/requests.${fmt}`, { ...good, jurisdiction_id: 'other.gov' }), 404, fmt);
      const attr = await post(`/open311/v2/requests.${fmt}`, { ...good, 'attribute[road]': '' });
      expectError(attr, 400, fmt);
      if (fmt === 'json') expect(attr.json()[0].description).toContain('attributes.road');
    });
  }

  it('json: creates a ticket (channel open311), returns the id as a string and a service notice', async () => {
    const r = await post('/open311/v2/requests.json', { ...good, account_id: 'acc-1' });
    expect(r.statusCode, r.body).toBe(200);
    const body = expectJson(r);
    expect(body).toHaveLength(1);
    expect(typeof body[0].service_request_id).toBe('string');
    expect(body[0].service_request_id).toMatch(/^RX-2026-\d{6}$/);
    expect(body[0].token).toBeUndefined();
    expect(body[0].account_id).toBe('acc-1');
    expect(body[0].service_notice).toContain('办理期限');
    const row = (await env.ownerSql('select channel, line from hotline_tickets where number = $1', [body[0].service_request_id])).rows[0];
    expect(row).toEqual({ channel: 'open311', line: 'hotline' });
    const parties = (await env.ownerSql('select name_masked, phone_masked from case_parties p join cases c on c.id = p.case_id where c.number = $1', [body[0].service_request_id])).rows[0];
    expect(parties.phone_masked).toBe('138****5678');
    // the key's owner sees that it was used, as for a Bearer token
    const used = (await env.ownerSql('select last_used_at from api_tokens where token_hash = $1', [sm3(DEMO_OPEN311_KEY)])).rows[0];
    expect(used.last_used_at).not.toBeNull();
  });

  it('xml: multivalue attributes and an address instead of coordinates', async () => {
    const r = await post('/open311/v2/requests.xml', { api_key: DEMO_OPEN311_KEY, service_code: '03.01', address_string: '示范县城关镇人民路88号', 'attribute[source]': 'construction', description: '夜间施工噪声很大，影响休息。' });
    expect(r.statusCode, r.body).toBe(200);
    expectXml(r, 'service_requests');
    expect(r.body).toMatch(/<service_requests><request><service_request_id>RX-2026-\d{6}<\/service_request_id><service_notice>/);
  });
});

describe('GET requests and requests/{id}', () => {
  let id: string;
  beforeAll(async () => { id = (await post('/open311/v2/requests.json', good)).json()[0].service_request_id; });

  it('requests/{id}.json: a one-element array; datetimes +08:00; expected_datetime = the ledger due; no personal data', async () => {
    const r = expectJson(await get(`/open311/v2/requests/${id}.json`));
    expect(r).toHaveLength(1);
    const q = r[0];
    expect(q).toMatchObject({ service_request_id: id, status: 'open', service_code: '02.01', service_name: '道路破损', lat: '30.1234', long: '105.5678' });
    expect(q.requested_datetime).toMatch(W3C);
    expect(q.updated_datetime).toMatch(W3C);
    const due = (await env.ownerSql(`select k.due_at from clocks k join cases c on c.id = k.case_id where c.number = $1 and k.key = 'citizen'`, [id])).rows[0].due_at as Date;
    expect(new Date(q.expected_datetime).getTime()).toBe(new Date(due).getTime() - (new Date(due).getMilliseconds()));
    expect(q.expected_datetime).toBe('2026-06-23T23:59:59+08:00');
    const text = JSON.stringify(r);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('张');
    expect(text).not.toContain('z@example.com');
    expect(q.description).toContain('138****5678');
    expect(q.agency_responsible).toBeUndefined();
  });

  it('agency_responsible = the 主办 org after 派单; closed after 办结; updates in the FMS vocabulary', async () => {
    const c = (await env.ownerSql('select id from cases where number = $1', [id])).rows[0].id as string;
    const orgs = (await env.ownerSql(`select id from orgs where code = '990101-jtysj'`)).rows[0].id as string;
    expect((await dispatcher.post(`/api/v1/cases/${c}/actions`, { action: 'dispatch', input: { leadOrgId: orgs } })).statusCode).toBe(200);
    expect(expectJson(await get(`/open311/v2/requests/${id}.json`))[0].agency_responsible).toBe('示范县交通运输局');
    expect((await dispatcher.post(`/api/v1/cases/${c}/actions`, { action: 'supervise', input: { reason: 'x' } })).statusCode).toBe(403);
    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expectXml(xml, 'service_requests');
    expect(xml.body).toContain('<agency_responsible>示范县交通运输局</agency_responsible>');
    expect(xml.body).toContain('<status>open</status>');
    const u = expectJson(await get('/open311/v2/servicerequestupdates.json'));
    const mine = u.filter((x: { service_request_id: string }) => x.service_request_id === id);
    expect(mine.map((x: { status: string }) => x.status)).toEqual(['OPEN', 'ACTION_SCHEDULED']);
    expect(typeof mine[0].update_id).toBe('string');
    expect(mine[0].updated_datetime).toMatch(W3C);
    expectXml(await get('/open311/v2/servicerequestupdates.xml'), 'service_request_updates');
    void handler;
  });

  it('filters: service_request_id overrides all; service_code, status; open/closed', async () => {
    const all = expectJson(await get('/open311/v2/requests.json'));
    expect(all.length).toBeGreaterThan(5);
    const ids = all.slice(0, 2).map((x: { service_request_id: string }) => x.service_request_id);
    const byId = expectJson(await get(`/open311/v2/requests.json?service_request_id=${ids.join(',')}&status=closed&service_code=nothing`));
    expect(byId.map((x: { service_request_id: string }) => x.service_request_id).sort()).toEqual([...ids].sort());
    const road = expectJson(await get('/open311/v2/requests.json?service_code=02.01,03.01'));
    expect(road.every((x: { service_code: string }) => ['02.01', '03.01'].includes(x.service_code))).toBe(true);
    const closed = expectJson(await get('/open311/v2/requests.json?status=closed'));
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((x: { status: string }) => x.status === 'closed')).toBe(true);
    const open = expectJson(await get('/open311/v2/requests.json?status=open'));
    expect(open.length + closed.length).toBe(all.length);
    expect(expectJson(await get('/open311/v2/requests.json?status=open,closed')).length).toBe(all.length);
    // mailbox letters and confidential 举报 content are not published
    expect(all.some((x: { service_code: string; description?: string }) => x.description?.includes('学位'))).toBe(false);
    const report = all.find((x: { service_code: string; description?: string }) => x.service_code === '01.01' && x.description === undefined);
    expect(report).toBeDefined();
  });

  it('dates: 90-day window, W3C format, start after end; page and page_size', async () => {
    expectError(await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00+08:00&end_date=2026-06-01T00:00:00+08:00'), 400, 'json');
    expectError(await get('/open311/v2/requests.xml?start_date=2026-01-01'), 400, 'xml');
    expectError(await get('/open311/v2/requests.json?start_date=2026-06-10T00:00:00Z&end_date=2026-06-01T00:00:00Z'), 400, 'json');
    expectError(await get('/open311/v2/requests.json?status=pending'), 400, 'json');
    expectError(await get('/open311/v2/requests.json?page=0'), 400, 'json');
    expectError(await get('/open311/v2/requests.json?page_size=1001'), 400, 'json');
    const old = expectJson(await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-03-01T00:00:00%2B08:00'));
    expect(old).toEqual([]);
    const recent = expectJson(await get('/open311/v2/requests.json?start_date=2026-06-14T00:00:00%2B08:00'));
    expect(recent.every((x: { requested_datetime: string }) => x.requested_datetime >= '2026-06-14')).toBe(true);
    const all = expectJson(await get('/open311/v2/requests.json'));
    const p1 = expectJson(await get('/open311/v2/requests.json?page_size=3'));
    const p2 = expectJson(await get('/open311/v2/requests.json?page_size=3&page=2'));
    expect(p1.map((x: { service_request_id: string }) => x.service_request_id)).toEqual(all.slice(0, 3).map((x: { service_request_id: string }) => x.service_request_id));
    expect(p2.map((x: { service_request_id: string }) => x.service_request_id)).toEqual(all.slice(3, 6).map((x: { service_request_id: string }) => x.service_request_id));
    // requests older than the default 90-day window are not listed without dates
    expect(all.every((x: { requested_datetime: string }) => Date.parse(x.requested_datetime) >= Date.parse('2026-03-17T10:00:00+08:00'))).toBe(true);
  });

  it('requests/{id} unknown → 404; tokens are never issued → 404 (both formats)', async () => {
    expectError(await get('/open311/v2/requests/RX-2026-999999.json'), 404, 'json');
    expectError(await get('/open311/v2/requests/RX-2026-999999.xml'), 404, 'xml');
    expectError(await get('/open311/v2/tokens/123456.json'), 404, 'json');
    expectError(await get('/open311/v2/tokens/123456.xml'), 404, 'xml');
  });
});
