/**
 * Look-back windows in legal (Beijing) dates, not milliseconds: the 并单 suggestions look at tickets accepted on the
 * day `duplicateDays` days ago or later; an Open311 query may span at most 90 days between its Beijing dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { TEST_NOW } from '../../../test/template.ts';

let env: TestEnv;
let dispatcher: Session;
let cgz: string;
beforeAll(async () => {
  env = await createTestEnv();
  cgz = String((await env.ownerSql(`select id from orgs where code = '990101-cgz'`)).rows[0]!.id);
});
afterAll(async () => { await env.close(); });

async function openAt(instant: string, description: string) {
  env.clock.set(instant);
  dispatcher = await env.login('dispatcher');
  const r = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: { channel: 'phone', ticketType: '投诉', categoryCode: '02.01', attributes: { road: '胜利路' }, description, townshipId: cgz, anonymous: true } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().number as string;
}

describe('并单 look-back in legal dates', () => {
  it('the default 30 days reach back to the whole day 30 days before today, not a day further', async () => {
    const text = '城关镇胜利路井盖缺失，夜间行人容易踩空，十分危险。';
    // today is 2026-06-15: 30 days before is 2026-05-16 — early that morning still counts, the evening before does not
    const inside = await openAt('2026-05-16T07:30:00+08:00', text);
    const outside = await openAt('2026-05-15T23:30:00+08:00', text);
    env.clock.set(TEST_NOW);
    dispatcher = await env.login('dispatcher');
    const r = await dispatcher.post('/api/v1/hotline/duplicates', { description: '胜利路井盖缺失，夜间行人容易踩空', townshipId: cgz });
    expect(r.statusCode, r.body).toBe(200);
    const numbers = r.json().map((d: { number: string }) => d.number);
    expect(numbers).toContain(inside);
    expect(numbers).not.toContain(outside);
    expect(r.json().find((d: { number: string }) => d.number === inside).reason).toContain('近30日');
  });
});

describe('Open311 date windows in Beijing dates', () => {
  const get = (url: string) => env.app.inject({ method: 'GET', url });
  it('dates more than 90 days apart → 400; 90 days apart (Beijing dates) are accepted, whatever the hour', async () => {
    const over = await get('/open311/v2/requests.json?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-05-31T00:00:00%2B08:00');
    expect(over.statusCode).toBe(400);
    const ok = await get('/open311/v2/requests.json?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-05-30T23:59:00%2B08:00');
    expect(ok.statusCode, ok.body).toBe(200);
    // the same instants written in UTC: the Beijing dates decide (2026-02-28T16:00Z is 03-01 in Beijing)
    const utc = await get('/open311/v2/requests.json?start_date=2026-02-28T16:00:00Z&end_date=2026-05-30T15:59:00Z');
    expect(utc.statusCode, utc.body).toBe(200);
    const updates = await get('/open311/v2/servicerequestupdates.json?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-05-31T00:00:00%2B08:00');
    expect(updates.statusCode).toBe(400);
  });

  it('without dates the last 90 days: from the start of the Beijing day 90 days ago', async () => {
    env.clock.set(TEST_NOW);
    const all = (await get('/open311/v2/requests.json')).json() as { requested_datetime: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((x) => x.requested_datetime >= '2026-03-17T00:00:00+08:00')).toBe(true);
    const since = (await get('/open311/v2/requests.json?start_date=2026-06-14T00:00:00%2B08:00')).json() as { requested_datetime: string }[];
    expect(since.every((x) => x.requested_datetime >= '2026-06-14')).toBe(true);
  });
});
