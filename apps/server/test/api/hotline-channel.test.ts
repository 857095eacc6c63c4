/**
 * The stored open event says what the case says (issue 10 #24): a web submission recorded
 * `channel: "phone"` (the input's default) in its event while the case row said `web`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type TestEnv } from '../harness.ts';
import { DEMO_OPEN311_KEY } from '../../src/modules/hotline/seed.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

const input = { ticketType: '求助', categoryCode: '02.01', description: '人民路井盖缺失，车辆经过很危险', attributes: { road: '人民路' }, anonymous: true };
async function channels(number: string) {
  const r = await env.ownerSql(
    `select c.data->>'channel' as case_channel, e.input->>'channel' as event_channel
     from cases c join case_events e on e.case_id = c.id and e.action = 'open' where c.number = $1`,
    [number]);
  return r.rows[0] as { case_channel: string; event_channel: string };
}

describe('the channel of a new 12345 ticket', () => {
  it.each([
    ['no channel given', {}, 'web'],
    ['a citizen claiming a phone call', { channel: 'phone' }, 'web'],
    ['the 书记县长信箱', { channel: 'mailbox' }, 'mailbox'],
  ])('web submission, %s (%j): the event records %s like the case', async (_what, extra, expected) => {
    const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'hotline_ticket', input: { ...input, ...extra } });
    expect(r.statusCode, r.body).toBe(201);
    expect(await channels(r.json().number)).toEqual({ case_channel: expected, event_channel: expected });
  });

  it('Open311 and a staff phone call record theirs too', async () => {
    const form = new URLSearchParams({
      api_key: DEMO_OPEN311_KEY, service_code: '02.01', description: input.description, address_string: '示范县城关镇人民路', 'attribute[road]': '人民路',
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const o = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(), headers });
    expect(o.statusCode, o.body).toBe(200);
    expect(await channels(o.json()[0].service_request_id)).toEqual({ case_channel: 'open311', event_channel: 'open311' });
    const staff = await env.login('dispatcher');
    const s = await staff.post('/api/v1/cases', { type: 'hotline_ticket', input: { ...input, channel: 'phone' } });
    expect(s.statusCode, s.body).toBe(201);
    expect(await channels(s.json().number)).toEqual({ case_channel: 'phone', event_channel: 'phone' });
  });
});
