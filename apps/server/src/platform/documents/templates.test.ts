/**
 * The county's templates: every mistake is refused when it is saved (not when a document is issued), versions are kept
 * with their editor and reason, and what is issued next follows the saved version and its 文号 rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { docxText } from '../../../test/docx.ts';
import { DOCUMENT_ROUTE_ACCESS } from './routes.ts';

let env: TestEnv;
let admin: Session; let clerk: Session;
let orgs: Record<string, string>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
  clerk = await env.login('dispatcher');
  const rows = (await env.ownerSql(`select code, id from orgs where region_code = '990101'`)).rows as { code: string; id: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r.id]));
});
afterAll(async () => { await env.close(); });

const KIND = 'approvals.acceptance';
const url = `/api/v1/documents/templates/${KIND}`;

it('every 文书 route is in DOCUMENT_ROUTE_ACCESS, with a declared permission (for the apps that check route access)', () => {
  for (const [key, access] of Object.entries(DOCUMENT_ROUTE_ACCESS)) {
    const [method, url] = key.split(' ');
    expect(env.app.hasRoute({ method: method as 'GET', url: `/api/v1${url}` }), key).toBe(true);
    for (const p of [access].flat()) expect(env.ctx.registry.modules.some((m) => p in (m.permissions ?? {})), p).toBe(true);
  }
});

describe('templates: failures first', () => {
  it('403 for a role without documents.manage; 404 for an unknown kind', async () => {
    expect((await clerk.get('/api/v1/documents/templates')).statusCode).toBe(403);
    expect((await clerk.put(url, { title: 't', docNo: 'x〔{year}〕{n}号', body: 'b' })).statusCode).toBe(403);
    expect((await admin.get('/api/v1/documents/templates/approvals.nothing')).statusCode).toBe(404);
  });

  it('400 naming every bad field: unknown placeholders (with those that exist), the 文号 rule, a rule another kind uses, an unknown org', async () => {
    const cur = (await admin.get(url)).json();
    const r = await admin.put(url, {
      title: '', docNo: '示审批受字第{n}号', body: `${cur.template.body}\n{{申请人}}于{{受理时间}}`,
      docNoByOrg: { [orgs.scjgj]: '许准字〔{year}〕{n}号', '00000000-0000-4000-8000-000000000000': '示x〔{year}〕{n}号' },
    });
    expect(r.statusCode).toBe(400);
    const errors = r.json().errors as { path: string; message: string }[];
    const at = (p: string) => errors.filter((e) => e.path === p).map((e) => e.message).join(' | ');
    expect(at('body.title')).toContain('请填写文书标题');
    expect(at('body.docNo')).toContain('{year}');
    expect(at('body.body')).toContain('{{申请人}}、{{受理时间}}');
    expect(at('body.body')).toContain('可用的有：机关、当事人、编号、日期、文号、事项');
    expect(at(`body.docNoByOrg.${orgs.scjgj}`)).toContain('准予行政许可决定书');
    expect(at('body.docNoByOrg.00000000-0000-4000-8000-000000000000')).toContain('机构不存在');
    // Nothing was saved.
    expect((await admin.get(url)).json().version).toBe(0);
  });
});

describe('templates: saved with history, used by the next document', () => {
  it('lists every declared kind with its placeholders, steps and the module default', async () => {
    type Kind = { kind: string; label: string; after: string[]; source: string; placeholders: Record<string, unknown> };
    const list = (await admin.get('/api/v1/documents/templates')).json() as Kind[];
    expect(list.map((k) => k.kind)).toEqual(expect.arrayContaining([
      'approvals.acceptance', 'approvals.correction', 'approvals.refusal', 'approvals.extension', 'approvals.grant', 'approvals.denial', 'approvals.service',
      'hotline.reply', 'disclosure.answer',
    ]));
    const acc = list.find((k) => k.kind === KIND)!;
    expect(acc).toMatchObject({ label: '受理通知书', after: ['受理', '逾期未告知视为受理'], source: 'default' });
    expect(Object.keys(acc.placeholders)).toEqual(expect.arrayContaining(['当事人', '文号', '事项', '届满日期']));
  });

  it('a sample preview of an unsaved template is a DOCX; a bad one is refused the same way as saving', async () => {
    const body = { title: '受理通知书', docNo: '示审批受字〔{year}〕{n}号', body: '> {{当事人}}：\n你申请的{{事项}}已受理。' };
    const p = await admin.post(`${url}/preview`, body);
    expect(p.statusCode, p.body.slice(0, 200)).toBe(200);
    expect(docxText(p.rawPayload)).toContain('张三：');
    expect(docxText(p.rawPayload)).toContain('示审批受字〔2026〕1号');
    expect((await admin.post(`${url}/preview`, { ...body, body: '{{不存在}}' })).statusCode).toBe(400);
  });

  it('saving keeps every version with its editor; a stale version is 409; the next 受理通知书 follows it', async () => {
    const services = (await clerk.get('/api/v1/powers/services')).json() as { id: string; code: string; orgId: string; materials: { name: string }[] }[];
    const own = services.find((s) => s.orgId === orgs.xzspj)!;
    const other = services.find((s) => s.orgId !== orgs.xzspj)!;
    const cur = (await admin.get(url)).json();
    const body = `${cur.template.body}\n（本通知书一式两份，申请人、本机关各执一份。）`;
    const r = await admin.put(url, {
      title: '受理通知书', docNo: '示审批受字〔{year}〕{n}号', body, docNoByOrg: { [other.orgId]: '示部门许受字〔{year}〕{n}号' }, version: 0, reason: '按本县文号规则',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ version: 1, source: 'county', setByName: '王管理' });
    const stale = await admin.put(url, { title: '受理通知书', docNo: '示审批受字〔{year}〕{n}号', body, version: 0 });
    expect(stale.statusCode).toBe(409);
    const h = (await admin.get(url)).json();
    expect(h.history.map((x: { version: number; setByName: string; reason: string }) => [x.version, x.setByName, x.reason])).toEqual([[1, '王管理', '按本县文号规则']]);
    const audit = (await env.ownerSql(`select detail from audit_log where action = 'documents.template.save' and target_id = $1`, [KIND])).rows;
    expect(audit).toHaveLength(1);

    const issueFor = async (s: (typeof services)[number]) => {
      const input = { serviceId: s.id, channel: 'window', applicantName: '周通', applicantPhone: '13812345678', materials: s.materials.map((m) => m.name) };
      const c = await clerk.post('/api/v1/cases', { type: 'approval', input });
      await clerk.post(`/api/v1/cases/${c.json().id}/actions`, { action: 'accept', input: {} });
      return clerk.post(`/api/v1/cases/${c.json().id}/documents`, { kind: KIND });
    };
    const d = await issueFor(own);
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ number: '示审批受字〔2026〕1号', templateVersion: 1 });
    expect(docxText((await clerk.get(`/api/v1/documents/${d.json().id}/file`)).rawPayload)).toContain('一式两份');
    // An org with its own 代字 numbers with it, from 1.
    expect((await issueFor(other)).json().number).toBe('示部门许受字〔2026〕1号');
  });
});
