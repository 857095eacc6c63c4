/**
 * One submission must not break the Open311 XML feed for everyone (issue 10 #23): characters XML 1.0
 * forbids (U+0001, U+000B, U+FFFE, lone surrogates…) are dropped from every XML output, and every
 * XML answer — data and errors — is well-formed (checked with a strict parser).
 */
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type TestEnv } from '../harness.ts';
import { DEMO_OPEN311_KEY } from '../../src/modules/hotline/seed.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

function wellFormed(xml: string): string | null {
  const p = new SaxesParser();
  let error: string | null = null;
  p.on('error', (e) => { error ??= e.message; });
  p.write(xml).close();
  return error;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOSTILE = ['控制字符\u0001在此', '垂直制表\u000b在此', '非字符\ufffe\uffff在此', '孤立代理\ud800在此', '退格\u0008与换页\u000c'];

describe('Open311 XML', () => {
  it('every XML answer parses, even after submissions with characters XML forbids', async () => {
    const numbers: string[] = [];
    for (const [i, bad] of HOSTILE.entries()) {
      const form = new URLSearchParams({
        api_key: DEMO_OPEN311_KEY, service_code: '02.01', description: `人民路井盖破损，${bad}，请尽快处理`,
        address_string: `示范县城关镇人民路${i}号${bad}`, 'attribute[road]': `人民路${bad}`,
      });
      const r = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: form.toString(), headers: FORM });
      expect(r.statusCode, r.body).toBe(200);
      expect(wellFormed(r.body)).toBeNull();
      numbers.push(/<service_request_id>([^<]+)</.exec(r.body)![1]);
    }
    // The web form too (its description reaches the same feed).
    const web = await anonymous(env.app).post('/api/v1/public/cases', {
      type: 'hotline_ticket',
      input: { channel: 'web', ticketType: '求助', categoryCode: '02.01', description: '井盖缺失很危险\u0001\u000b请处理', attributes: { road: '人民路' }, anonymous: true },
    });
    expect(web.statusCode, web.body).toBe(201);

    const services = (await env.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).json() as { service_code: string }[];
    const urls = [
      '/open311/v2/discovery.xml', '/open311/v2/services.xml', ...services.slice(0, 5).map((s) => `/open311/v2/services/${s.service_code}.xml`),
      '/open311/v2/requests.xml', '/open311/v2/requests.xml?status=open', `/open311/v2/requests.xml?service_request_id=${numbers.join(',')}`,
      ...numbers.map((n) => `/open311/v2/requests/${n}.xml`), '/open311/v2/servicerequestupdates.xml',
      // errors are XML too
      '/open311/v2/requests/NOPE-1.xml', '/open311/v2/requests.xml?start_date=yesterday', '/open311/v2/nothing.xml', '/open311/v2/requests/%E0%A4%A.xml',
      `/open311/v2/requests.xml?jurisdiction_id=${encodeURIComponent('\u0001x')}`,
    ];
    for (const url of urls) {
      const r = await env.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.headers['content-type'], url).toBe('text/xml; charset=utf-8');
      expect(wellFormed(r.body), `${url}: ${r.body.slice(0, 300)}`).toBeNull();
    }
    const noKey = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: 'description=x\u0001', headers: FORM });
    expect(wellFormed(noKey.body)).toBeNull();

    // Dropped, not escaped: the text around them stays.
    const one = (await env.app.inject({ method: 'GET', url: `/open311/v2/requests/${numbers[0]}.xml` })).body;
    expect(one).toContain('控制字符在此');
  });
});
