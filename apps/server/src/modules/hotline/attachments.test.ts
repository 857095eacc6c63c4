/**
 * Citizens' attachments: multipart public submission (POST /api/v1/public/cases) checked against the
 * case type's declared rule and stored in the case's transaction, and Open311 `media` uploads.
 * Failure cases first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { anonymous, createTestEnv, multipart, type Part, type Session, type TestEnv } from '../../../test/harness.ts';
import { DEMO_OPEN311_KEY } from './seed.ts';
import { HOTLINE_PUBLIC_ATTACHMENTS } from './workflow.ts';

let env: TestEnv;
let dispatcher: Session;
beforeAll(async () => { env = await createTestEnv(); dispatcher = await env.login('dispatcher'); });
afterAll(async () => { await env.close(); });

/** A valid 1×1 PNG; the trailing bytes make each one distinct (its SM3 too). */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const png = () => Buffer.concat([PNG_1X1, crypto.randomBytes(8)]);
const pdf = () => Buffer.from(`%PDF-1.4\n% ${crypto.randomUUID()}\n%%EOF\n`);
const input = (over: Record<string, unknown> = {}) => ({
  channel: 'web', ticketType: '投诉', categoryCode: '01.02', description: '超市标价与结账价格不一致，多收了十元，附照片。', anonymous: true, ...over,
});
const payload = (over: Record<string, unknown> = {}, type = 'hotline_ticket') => ({ name: 'payload', value: JSON.stringify({ type, input: input(over) }) });
const file = (filename: string, content: Buffer) => ({ name: 'files', filename, content });
const submit = (parts: Part[], headers: Record<string, string> = {}) => {
  const m = multipart(parts);
  return env.app.inject({ method: 'POST', url: '/api/v1/public/cases', payload: m.payload, headers: { ...m.headers, ...headers } });
};
const count = async (table: string) => Number((await env.ownerSql(`select count(*)::int as n from ${table}`)).rows[0].n);
const blobExists = async (content: Buffer) => {
  const files = (await env.ownerSql('select sm3 from files')).rows.map((r) => r.sm3);
  const blobs = (await env.ownerSql('select sm3 from file_blobs')).rows.map((r) => r.sm3);
  const hash = (await import('../../platform/crypto/sm.ts')).sm3(content);
  return files.includes(hash) || blobs.includes(hash);
};
const paths = (r: { json(): { errors?: { path: string }[] } }) => (r.json().errors ?? []).map((e) => e.path);

describe('public submission with attachments: refused', () => {
  it('more files than the type allows → 400 on body.files, nothing created', async () => {
    const before = await count('cases');
    const r = await submit([payload(), ...Array.from({ length: HOTLINE_PUBLIC_ATTACHMENTS.maxFiles + 1 }, (_, i) => file(`p${i}.png`, png()))]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors).toContainEqual({ path: 'body.files', message: `最多上传 ${HOTLINE_PUBLIC_ATTACHMENTS.maxFiles} 个文件，收到 ${HOTLINE_PUBLIC_ATTACHMENTS.maxFiles + 1} 个` });
    expect(await count('cases')).toBe(before);
  });

  it('a file over the size limit, one of a wrong type and an empty one are each named; the good file is not stored', async () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(HOTLINE_PUBLIC_ATTACHMENTS.maxBytes)]);
    const good = png();
    const [cases, blobs] = [await count('cases'), await count('file_blobs')];
    const r = await submit([
      payload(), file('好.png', good), file('大.png', big), file('伪装.png', Buffer.from('GIF89a not a png')), file('说明.txt', Buffer.from('文字')), file('空.pdf', Buffer.alloc(0)),
    ]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().code).toBe('validation_failed');
    expect(paths(r)).toEqual(['body.files.1', 'body.files.2', 'body.files.3', 'body.files.4']);
    expect(r.json().errors[0].message).toBe('“大.png”超过 10 MB');
    expect(r.json().errors[1].message).toContain('只接受 PDF、PNG、JPG');
    expect(r.json().errors[2].message).toContain('“说明.txt”不是允许的类型');
    expect(r.json().errors[3].message).toBe('“空.pdf”是空文件');
    expect([await count('cases'), await count('file_blobs')]).toEqual([cases, blobs]);
    expect(await blobExists(good)).toBe(false);
  });

  it('bad input and a bad file are reported together', async () => {
    const r = await submit([payload({ description: '短', ticketType: '闲聊' }), file('x.png', Buffer.from('nope'))]);
    expect(r.statusCode).toBe(400);
    expect(paths(r).sort()).toEqual(['body.files.0', 'body.input.description', 'body.input.ticketType']);
  });

  it('a bad case (unknown category) with good files rolls back: no case, no blob', async () => {
    const good = png();
    const before = await count('cases');
    const r = await submit([payload({ categoryCode: '99.99' }), file('ok.png', good)]);
    expect(r.statusCode, r.body).toBe(400);
    expect(await count('cases')).toBe(before);
    expect(await blobExists(good)).toBe(false);
  });

  it('a type that declares no attachments refuses files (400 body.files)', async () => {
    const r = await submit([{ name: 'payload', value: JSON.stringify({ type: 'disclosure_request', input: {} }) }, file('a.pdf', pdf())]);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toContainEqual({ path: 'body.files', message: '该事项不接受附件' });
  });

  it('missing or malformed payload, a type not open to the public', async () => {
    expect(paths(await submit([file('a.png', png())]))).toEqual(['body.payload']);
    const bad = await submit([{ name: 'payload', value: '{type:' }]);
    expect(bad.json().errors).toEqual([{ path: 'body.payload', message: 'payload 不是有效的 JSON' }]);
    const staffOnly = await submit([{ name: 'payload', value: JSON.stringify({ type: 'legality_review', input: {} }) }, file('a.png', png())]);
    expect(staffOnly.statusCode).toBe(400);
    expect(paths(staffOnly)).toEqual(['body.type', 'body.files']);
  });

  it('an Idempotency-Key reused with other files → 422', async () => {
    const key = `att-${crypto.randomUUID()}`;
    expect((await submit([payload(), file('a.png', png())], { 'idempotency-key': key })).statusCode).toBe(201);
    const r = await submit([payload(), file('a.png', png())], { 'idempotency-key': key });
    expect(r.statusCode).toBe(422);
  });
});

describe('public submission with attachments: accepted', () => {
  it('the rule is published for the portal', async () => {
    const r = await anonymous(env.app).get('/api/v1/public/case-types/hotline_ticket');
    expect(r.statusCode).toBe(200);
    expect(r.json().attachments).toMatchObject({ maxFiles: 5, maxBytes: 10 * 1024 * 1024, types: [{ label: 'PDF', exts: ['.pdf'] }, { label: 'PNG' }, { label: 'JPG', exts: ['.jpg', '.jpeg'] }] });
    expect(r.json().attachments.basis).toContain('无全国统一规定');
    expect((await anonymous(env.app).get('/api/v1/public/case-types/disclosure_request')).json().attachments).toBeNull();
    expect((await anonymous(env.app).get('/api/v1/public/case-types/legality_review')).statusCode).toBe(404);
  });

  let number = ''; let caseId = ''; const photo = png();
  it('number and due date at once; files stored with the case; replay with the same files does nothing twice', async () => {
    const key = `att-${crypto.randomUUID()}`;
    const parts = [payload(), file('现场照片.png', photo), file('收据.pdf', pdf())];
    const before = await count('files');
    const r = await submit(parts, { 'idempotency-key': key });
    expect(r.statusCode, r.body).toBe(201);
    number = r.json().number;
    expect(number).toMatch(/^RX-/);
    expect(r.json().clocks.some((c: { dueDate: string | null }) => c.dueDate)).toBe(true);
    expect(r.json().attachments).toBe(2);
    const again = await submit(parts, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(r.json());
    expect(await count('files')).toBe(before + 2);
    expect((await env.ownerSql('select count(*)::int as n from cases where number = $1', [number])).rows[0].n).toBe(1);
    caseId = String((await env.ownerSql('select id from cases where number = $1', [number])).rows[0].id);
  });

  it('the staff see and download the files; the upload is audited as 公众（网上提交）', async () => {
    const list = await dispatcher.get(`/api/v1/cases/${caseId}/files`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((f: { filename: string; mime: string; uploadedBy: string | null }) => [f.filename, f.mime, f.uploadedBy])).toEqual([
      ['现场照片.png', 'image/png', null], ['收据.pdf', 'application/pdf', null],
    ]);
    const dl = await dispatcher.get(`/api/v1/files/${list.json()[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(photo)).toBe(true);
    const audit = (await env.ownerSql("select actor_id, actor_name from audit_log where action = 'file.upload' and target_id = $1", [caseId])).rows;
    expect(audit).toEqual([{ actor_id: null, actor_name: '公众（网上提交）' }, { actor_id: null, actor_name: '公众（网上提交）' }]);
  });

  it('the public track never shows the files', async () => {
    const files = (await dispatcher.get(`/api/v1/cases/${caseId}/files`)).json() as { id: string; sm3: string }[];
    const r = await anonymous(env.app).get(`/api/v1/public/track/${number}?code=${env.ctx.crypto.trackingCode(caseId)}`);
    expect(r.statusCode).toBe(200);
    for (const s of ['现场照片', '收据', ...files.map((f) => f.id), ...files.map((f) => f.sm3)]) expect(r.body).not.toContain(s);
    expect((await anonymous(env.app).get(`/api/v1/files/${files[0].id}`)).statusCode).toBe(401);
  });

  it('JSON submissions work as before', async () => {
    const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'hotline_ticket', input: input() });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().attachments).toBe(0);
  });
});

describe('Open311 multipart media', () => {
  const fields = (over: Record<string, string> = {}) => Object.entries({ api_key: DEMO_OPEN311_KEY, service_code: '01.02', address_string: '城关镇人民路 8 号', description: '超市标价与结账价格不一致', ...over }).map(([name, value]) => ({ name, value }));
  const post = (fmt: 'json' | 'xml', parts: Part[]) => {
    const m = multipart(parts);
    return env.app.inject({ method: 'POST', url: `/open311/v2/requests.${fmt}`, payload: m.payload, headers: m.headers });
  };
  const tickets = () => count('hotline_tickets');

  for (const fmt of ['json', 'xml'] as const) {
    it(`requests.${fmt}: a PDF, an oversized photo or two photos → 400 in the Open311 error form, no ticket`, async () => {
      const before = await tickets();
      const cases = [
        [{ name: 'media', filename: 'a.pdf', content: pdf() }],
        [{ name: 'media', filename: 'big.jpg', content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(HOTLINE_PUBLIC_ATTACHMENTS.maxBytes)]) }],
        [{ name: 'media', filename: 'a.png', content: png() }, { name: 'media', filename: 'b.png', content: png() }],
        [{ name: 'photo', filename: 'a.png', content: png() }],
      ];
      for (const media of cases) {
        const r = await post(fmt, [...fields(), ...media]);
        expect(r.statusCode, r.body).toBe(400);
        if (fmt === 'json') {
          expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
          expect(r.json()[0]).toMatchObject({ code: 400 });
          expect(r.json()[0].description).toMatch(/^media must be one PNG or JPG image of at most 10 MB/);
        } else {
          expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
          expect(r.body).toMatch(/<errors><error><code>400<\/code><description>media must be one PNG or JPG image/);
        }
      }
      expect(await tickets()).toBe(before);
    });

    it(`requests.${fmt}: multipart without api_key → 403`, async () => {
      const r = await post(fmt, [...fields({ api_key: '' }), { name: 'media', filename: 'a.png', content: png() }]);
      expect(r.statusCode).toBe(403);
    });

    it(`requests.${fmt}: a photo in media is stored with the ticket and never served by Open311`, async () => {
      const photo = png();
      const r = await post(fmt, [...fields(), { name: 'media', filename: '井盖.png', content: photo }]);
      expect(r.statusCode, r.body).toBe(200);
      const id = fmt === 'json' ? r.json()[0].service_request_id : /<service_request_id>([^<]+)</.exec(r.body)![1];
      const stored = (await env.ownerSql('select f.id, f.filename, f.mime, f.uploaded_by from files f join cases c on c.id = f.case_id where c.number = $1', [id])).rows;
      expect(stored.map((f) => [f.filename, f.mime, f.uploaded_by])).toEqual([['井盖.png', 'image/png', null]]);
      const audit = (await env.ownerSql("select actor_name from audit_log where action = 'file.upload' and detail->>'fileId' = $1", [stored[0].id])).rows;
      expect(audit[0].actor_name).toMatch(/^Open311（/);
      for (const url of [`/open311/v2/requests/${id}.${fmt}`, `/open311/v2/requests.${fmt}?service_request_id=${id}`]) {
        const g = await env.app.inject({ method: 'GET', url });
        expect(g.statusCode).toBe(200);
        expect(g.body).toContain(id);
        for (const s of ['井盖', 'media_url', String(stored[0].id), '/api/v1/files']) expect(g.body).not.toContain(s);
      }
    });
  }
});
