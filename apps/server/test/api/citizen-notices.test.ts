/**
 * Notices to the citizen (issue 11): written per act the workflow declares (`notify`), in the act's transaction, with an
 * encrypted recipient; a replay sends nothing twice; the LOG transport delivers when no gateway is configured; a failing
 * SMS gateway is retried and the notice ends failed; the admin's 消息发送记录 masks recipients and needs its permission.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { deliverOutbox } from '../../src/platform/notifications/outbox.ts';

let env: TestEnv;
let dispatcher: Session; let handler: Session; let admin: Session;
let orgs: Record<string, string>;
let gateway: http.Server; let gatewayUrl = ''; let gatewayStatus = 500; const received: { auth: string | undefined; body: string }[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, handler, admin] = await Promise.all(['dispatcher', 'handler', 'admin'].map((u) => env.login(u)));
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => { received.push({ auth: req.headers.authorization, body }); res.statusCode = gatewayStatus; res.end('{}'); });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
});
afterAll(async () => { gateway.close(); await env.close(); });

let n = 0;
async function submit() {
  const phone = `1391234${String(1000 + n++)}`;
  const r = await anonymous(env.app).post('/api/v1/public/cases', {
    type: 'hotline_ticket', input: { ticketType: '求助', categoryCode: '01.02', description: '小区门口路灯损坏，夜间无法通行。', townshipId: orgs.cgz, parties: { phone } },
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = ((await env.ownerSql('select id from cases where number = $1', [r.json().number])).rows[0] as { id: string }).id;
  return { id, number: r.json().number as string, code: r.json().trackingCode as string, phone };
}
type Row = { channel: string; template: string; recipient_enc: string; recipient_masked: string; body: string; status: string; attempts: number;
  last_error: string | null; transport: string | null; dedupe_key: string };
const notices = async (caseId: string) => (await env.ownerSql(
  `select * from notifications where case_id = $1 and channel <> 'inapp' order by created_at, dedupe_key`, [caseId])).rows as Row[];
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}, h: Record<string, string> = {}) =>
  s.post(`/api/v1/cases/${id}/actions`, { action, input }, h);
const deliver = () => deliverOutbox(env.ctx.db, env.ctx.transports, env.clock.now(), (e) => env.ctx.crypto.decryptOpt(e));
async function saveNotices(change: Record<string, unknown>) {
  const cur = (await admin.get('/api/v1/settings/spine.notices')).json();
  return admin.put('/api/v1/settings/spine.notices', { values: { ...cur.values, ...change }, version: cur.version });
}

describe('the 消息发送记录 API and the settings: failures first', () => {
  it('403 for staff without the permission; unknown placeholders and a bad gateway are refused per field', async () => {
    expect((await handler.get('/api/v1/notifications/outbox')).statusCode).toBe(403);
    expect((await anonymous(env.app).get('/api/v1/notifications/outbox')).statusCode).toBe(401);
    const bad = await saveNotices({ receipt: '您的{编号}已收到，{姓名}', smsGateway: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.values.receipt', 'body.values.smsGateway']);
    expect(bad.json().errors.find((e: { path: string }) => e.path === 'body.values.receipt').message).toContain('{姓名}');
  });
});

describe('notices per declared act', () => {
  it('receipt at submission, none at 派单, answer at 答复 (once on replay); the recipient encrypted and masked', async () => {
    const c = await submit();
    let rows = await notices(c.id);
    expect(rows.map((r) => [r.channel, r.template])).toEqual([['sms', 'receipt']]);
    expect(rows[0].recipient_enc).not.toContain(c.phone);
    expect(env.ctx.crypto.decryptOpt(rows[0].recipient_enc)).toBe(c.phone);
    expect(rows[0].recipient_masked).toBe(`${c.phone.slice(0, 3)}****${c.phone.slice(7)}`);
    expect(rows[0].body).toContain(c.number);
    expect(rows[0].body).toContain(c.code);
    expect(rows[0].body).not.toMatch(/\{[^}]*\}/);
    expect((await act(dispatcher, c.id, 'dispatch', { leadOrgId: orgs.scjgj })).statusCode).toBe(200);
    expect((await act(handler, c.id, 'sign')).statusCode).toBe(200);
    expect(await notices(c.id)).toHaveLength(1);
    const reply = { result: '已解决', content: '路灯已于当日修复，感谢您的反映。', contactMethod: '短信' };
    const h = { 'idempotency-key': 'notice-reply-0001' };
    expect((await act(handler, c.id, 'reply', reply, h)).statusCode).toBe(200);
    expect((await act(handler, c.id, 'reply', reply, h)).statusCode).toBe(200);
    rows = await notices(c.id);
    expect(rows.map((r) => r.template)).toEqual(['receipt', 'answer']);
  });

  it('an approval: receipt at 收件, correction at 一次性告知补正 (declared in its workflow)', async () => {
    const services = (await dispatcher.get('/api/v1/powers/services')).json() as { id: string; code: string; materials: { name: string }[] }[];
    const svc = services.find((x) => x.code === 'FW-009')!;
    const r = await dispatcher.post('/api/v1/cases', { type: 'approval', input: { serviceId: svc.id, applicantName: '孙通知', applicantPhone: '13600009999' } });
    expect(r.statusCode, r.body).toBe(201);
    const c = await act(dispatcher, r.json().id, 'notify_correction', { items: svc.materials.map((m) => m.name) });
    expect(c.statusCode, c.body).toBe(200);
    const rows = await notices(r.json().id);
    expect(rows.map((x) => x.template)).toEqual(['receipt', 'correction']);
    expect(rows[1].body).toContain('补正');
  });

  it('依申请公开: an SMS and an e-mail at receipt (the e-mail encrypted and masked); a historical import tells nobody', async () => {
    const gov = await env.ownerSql(`select id from orgs where region_code = '990101' and kind = 'government' order by path limit 1`);
    const org = (gov.rows[0] as { id: string }).id;
    const r = await anonymous(env.app).post('/api/v1/public/cases', { type: 'disclosure_request', input: {
      orgId: org, channel: 'online', applicantKind: 'natural', description: '2025年城关镇道路维修工程的招标文件。', format: '电子', via: '电子邮件',
      parties: { applicant: { name: '赵申请', idNo: '510100199001011234', phone: '13700001111', email: 'zhao@example.cn' } },
    } });
    expect(r.statusCode, r.body).toBe(201);
    const id = ((await env.ownerSql('select id from cases where number = $1', [r.json().number])).rows[0] as { id: string }).id;
    const rows = await notices(id);
    expect(rows.map((x) => [x.channel, x.template]).sort()).toEqual([['email', 'receipt'], ['sms', 'receipt']]);
    const mail = rows.find((x) => x.channel === 'email')!;
    expect(mail.recipient_masked).toBe('z***@example.cn');
    expect(mail.recipient_enc).not.toContain('zhao@');
    expect(env.ctx.crypto.decryptOpt(mail.recipient_enc)).toBe('zhao@example.cn');

    const csv = ['受理时间,诉求类型,事项编码,诉求内容,联系电话,即时答复', '2026-01-05 09:00,咨询,01.02,咨询超市价签的规定。,13700002222,已当场解释价签规定。'].join('\n');
    const boundary = '----yifa-import';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const imp = await dispatcher.post('/api/v1/hotline/import', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(imp.json()).toMatchObject({ imported: 1 });
    const before = (await env.ownerSql(`select count(*)::int as n from notifications n join case_parties p on p.case_id = n.case_id
      where n.channel <> 'inapp' and p.phone_masked = '137****2222'`)).rows[0] as { n: number };
    expect(before.n).toBe(0);
  });

  it('the county edits a template: the next notice uses it; the log transport delivers and marks the rows sent', async () => {
    expect((await saveNotices({ receipt: '【示范县12345】已受理{事项}，编号{编号}，查询码{查询码}。' })).statusCode).toBe(200);
    const c = await submit();
    const [row] = await notices(c.id);
    const { categoryName } = ((await env.ownerSql('select data from cases where id = $1', [c.id])).rows[0] as { data: { categoryName: string } }).data;
    expect(row.body).toBe(`【示范县12345】已受理求助：${categoryName}，编号${c.number}，查询码${c.code}。`);
    const r = await deliver();
    expect(r.sent).toBeGreaterThan(0);
    const [sent] = await notices(c.id);
    expect(sent, JSON.stringify(sent)).toMatchObject({ status: 'sent', transport: 'log', attempts: 1 });
  });

  it('a failing SMS gateway is retried, then the notice ends failed with its error; the key is never returned', async () => {
    expect((await saveNotices({ smsGateway: gatewayUrl, smsKey: 'secret-key-123' })).statusCode).toBe(200);
    const got = (await admin.get('/api/v1/settings/spine.notices')).json();
    expect(got.values.smsKey).toBe('');
    expect(got.secretsSet.smsKey).toBe(true);
    expect(JSON.stringify(got)).not.toContain('secret-key-123');
    // at rest the key is encrypted, never in clear (a database dump or backup does not give it away)
    const stored = (await env.ownerSql(`select values::text as v from module_settings where module = 'spine.notices' order by version desc limit 1`)).rows[0].v as string;
    expect(stored).not.toContain('secret-key-123');
    expect(stored).toContain('"smsKey": "enc:');
    // saving again without re-entering the key keeps it
    expect((await saveNotices({ smsKey: '' })).statusCode).toBe(200);
    const c = await submit();
    gatewayStatus = 500;
    await deliver();
    expect((await notices(c.id))[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: '短信网关返回 500' });
    await deliver(); // too soon: not tried again within the first minute
    expect((await notices(c.id))[0]).toMatchObject({ attempts: 1 });
    for (let i = 0; i < 4; i++) { env.clock.advance(61 * 60_000); await deliver(); }
    admin = await env.login('admin'); // the session timed out meanwhile
    const [row] = await notices(c.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 5, last_error: '短信网关返回 500' });
    expect(received.at(-1)!.auth).toBe('Bearer secret-key-123');
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ to: c.phone, template: 'receipt' });
    gatewayStatus = 200;
    const ok = await submit();
    await deliver();
    expect((await notices(ok.id))[0]).toMatchObject({ status: 'sent', transport: 'gateway', attempts: 1 });
    expect((await saveNotices({ smsGateway: '' })).statusCode).toBe(200);
  });

  it('the admin sees the outbox with masked recipients, template and status', async () => {
    const c = await submit();
    const list = (await admin.get('/api/v1/notifications/outbox')).json() as Record<string, unknown>[];
    const mine = list.filter((x) => x.caseNumber === c.number);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channelLabel: '短信', templateLabel: '受理（收到申请、诉求）', statusLabel: '待发送', attempts: 0 });
    expect(JSON.stringify(list)).not.toContain(c.phone);
    expect(JSON.stringify(list)).not.toContain('recipientEnc');
    const failed = (await admin.get('/api/v1/notifications/outbox?status=failed')).json() as { lastError: string }[];
    expect(failed[0].lastError).toBe('短信网关返回 500');
  });
});
