/**
 * 文书 through the HTTP API on the 示范县 approvals: failures first (404 undeclared kind, 403 without the ability or the
 * post, 409 before the step or twice for one step), then issuing with its hash and audit, gap-free numbering per kind,
 * org and year under concurrent issuing, reprints marked and counted, idempotent replays, and PDF (or a clear 503).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { sm3 } from '../crypto/sm.ts';
import { docxText } from '../../../test/docx.ts';

let env: TestEnv;
let clerk: Session; let approver: Session; let supervisor: Session;
let services: { id: string; code: string; orgId: string; materials: { name: string }[] }[];
beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.login('dispatcher');
  approver = await env.login('approver');
  // The 监督人员 sees every case of the county for this file (a grant over the government's subtree); it holds case.view, not documents.issue.
  await env.ownerSql(`insert into role_grants (user_id, role, org_id, subtree) select u.id, 'supervisor', o.id, true from users u, orgs o
    where u.username = 'supervisor' and o.kind = 'government' and o.region_code = '990101'`);
  supervisor = await env.login('supervisor');
  services = (await clerk.get('/api/v1/powers/services')).json();
});
afterAll(async () => { await env.close(); });

const svc = (code: string) => services.find((s) => s.code === code)!;
async function application(code = 'FW-001', name = '钱多多') {
  const s = svc(code);
  const input = { serviceId: s.id, channel: 'window', applicantName: name, applicantPhone: '13812345678', materials: s.materials.map((m) => m.name) };
  const r = await clerk.post('/api/v1/cases', { type: 'approval', input });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const act = async (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => {
  const r = await s.post(`/api/v1/cases/${id}/actions`, { action, input });
  expect(r.statusCode, r.body).toBe(200);
};
const issue = (s: Session, id: string, kind: string, headers?: Record<string, string>) => s.post(`/api/v1/cases/${id}/documents`, { kind }, headers);
const audits = async (action: string, caseId: string) =>
  (await env.ownerSql(`select detail from audit_log where action = $1 and (target_id = $2 or detail->>'caseId' = $2) order by id`, [action, caseId])).rows;

describe('issuing: failures first', () => {
  let id = '';
  beforeAll(async () => { id = await application(); });

  it('401 without login, 400 for a malformed kind, 404 for a kind the case type does not declare or an unknown case', async () => {
    expect((await anonymous(env.app).post(`/api/v1/cases/${id}/documents`, { kind: 'approvals.acceptance' })).statusCode).toBe(401);
    const bad = await issue(clerk, id, '受理通知书');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.kind');
    for (const kind of ['hotline.reply', 'approvals.nothing']) {
      const r = await issue(clerk, id, kind);
      expect(r.statusCode, kind).toBe(404);
      expect(r.json().detail).toContain(kind);
    }
    expect((await issue(clerk, '00000000-0000-4000-8000-000000000000', 'approvals.acceptance')).statusCode).toBe(404);
  });

  it('403 for a role without the ability (监督人员) and for a post that does not take the step (审批人员 and 受理通知书)', async () => {
    const s = await issue(supervisor, id, 'approvals.acceptance');
    expect(s.statusCode).toBe(403);
    expect(s.json().detail).toContain('出具、补打文书');
    await act(clerk, id, 'accept');
    const a = await issue(approver, id, 'approvals.acceptance');
    expect(a.statusCode).toBe(403);
    expect(a.json().detail).toMatch(/受理通知书由以下岗位出具：.*调度/);
  });

  it('409 before the step, naming it; 409 for a second document of one step', async () => {
    const early = await issue(approver, id, 'approvals.grant');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('须在"准予许可"之后出具准予行政许可决定书：该案件尚未进行这一步骤');
    expect(early.json().steps).toEqual(['approve']);
    expect((await issue(clerk, id, 'approvals.acceptance')).statusCode).toBe(201);
    const twice = await issue(clerk, id, 'approvals.acceptance');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/已出具（许受字〔2026〕\d+号）：如需再次打印，请补打/);
  });

  it('a 送达回证 for a step without a document is refused, and leaves no gap in its numbers', async () => {
    const other = await application();
    await act(clerk, other, 'accept');
    const r = await issue(clerk, other, 'approvals.service');
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('请先出具');
    expect((await env.ownerSql(`select count(*)::int n from document_counters where kind = 'approvals.service'`)).rows[0].n).toBe(0);
    expect((await issue(clerk, other, 'approvals.acceptance')).statusCode).toBe(201);
    const ok = await issue(clerk, other, 'approvals.service');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().number).toBe('许送字〔2026〕1号');
  });
});

describe('issued: stored with its hash, audited, the addressee revealed only inside the generator', () => {
  let id = ''; let doc: { id: string; number: string; sm3: string; size: number; fileId: string };
  it('the 受理通知书 names the applicant, the item, the limits and its 文号; the stored bytes hash to its SM3', async () => {
    id = await application('FW-001', '孙大圣');
    await act(clerk, id, 'accept');
    const r = await issue(clerk, id, 'approvals.acceptance');
    expect(r.statusCode, r.body).toBe(201);
    doc = r.json();
    expect(doc).toMatchObject({ kind: 'approvals.acceptance', label: '受理通知书', title: '受理通知书', templateVersion: 0, prints: 0 });
    const f = await clerk.get(`/api/v1/documents/${doc.id}/file`);
    expect(f.statusCode).toBe(200);
    expect(f.headers['content-type']).toContain('wordprocessingml');
    expect(sm3(f.rawPayload)).toBe(doc.sm3);
    expect(f.headers['x-content-sm3']).toBe(doc.sm3);
    expect(f.rawPayload.length).toBe(doc.size);
    const text = docxText(f.rawPayload);
    for (const s of ['示范县行政审批局', doc.number, '受理通知书', '孙大圣：', '食品经营许可', '第三十二条第一款第（五）项', '20个工作日', '办件编号：SP-2026-']) expect(text, s).toContain(s);
    // The case's attachments do not list it (the 文书 panel does); the name is never stored in clear anywhere else.
    expect((await clerk.get(`/api/v1/cases/${id}/files`)).json().map((x: { id: string }) => x.id)).not.toContain(doc.fileId);
    const ev = await env.ownerSql(`select input::text from case_events where case_id = $1`, [id]);
    expect(JSON.stringify(ev.rows)).not.toContain('孙大圣');
  });

  it('issuing, the reveal of the applicant for it, and every download are audited', async () => {
    expect((await audits('document.issue', id)).map((r) => (r.detail as { number: string }).number)).toEqual([doc.number]);
    expect((await audits('personal.reveal', id)).map((r) => (r.detail as { purpose: string }).purpose)).toContain('document');
    expect((await audits('document.download', id)).length).toBeGreaterThanOrEqual(1);
  });

  it('the stored document cannot be changed (append-only)', async () => {
    await expect(env.ownerSql(`update case_documents set number = 'x' where id = $1`, [doc.id])).rejects.toThrow(/append-only/);
  });

  it('a reprint is the same stored document marked 补打件 with its count, audited; an idempotent replay counts once', async () => {
    const one = await clerk.post(`/api/v1/documents/${doc.id}/reprints`, { format: 'docx', reason: '申请人遗失' }, { 'idempotency-key': 'reprint-key-0001' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.headers['x-reprint']).toBe('1');
    expect(one.headers['x-source-sm3']).toBe(doc.sm3);
    const original = (await clerk.get(`/api/v1/documents/${doc.id}/file`)).rawPayload;
    // The body is the original's, byte for byte; the mark is in the page headers.
    expect(docxText(one.rawPayload)).toBe(docxText(original));
    expect(docxText(one.rawPayload, 'word/header1.xml')).toContain('补打件（第 1 次补打）');
    expect(docxText(one.rawPayload, 'word/header1.xml')).toContain(doc.number);
    const replay = await clerk.post(`/api/v1/documents/${doc.id}/reprints`, { format: 'docx', reason: '申请人遗失' }, { 'idempotency-key': 'reprint-key-0001' });
    expect(replay.headers['x-reprint']).toBe('1');
    const two = await clerk.post(`/api/v1/documents/${doc.id}/reprints`, { format: 'docx' });
    expect(two.headers['x-reprint']).toBe('2');
    expect(docxText(two.rawPayload, 'word/header1.xml')).toContain('补打件（第 2 次补打）');
    expect((await audits('document.reprint', id)).map((r) => (r.detail as { n: number }).n)).toEqual([1, 2]);
    const list = (await clerk.get(`/api/v1/cases/${id}/documents`)).json();
    expect(list.issued.find((d: { id: string }) => d.id === doc.id).prints).toBe(2);
    expect((await supervisor.post(`/api/v1/documents/${doc.id}/reprints`, { format: 'docx' })).statusCode).toBe(403);
  });

  it('an idempotent replay of issuing returns the same document and takes no number', async () => {
    const other = await application();
    await act(clerk, other, 'accept');
    const h = { 'idempotency-key': 'issue-key-000001' };
    const a = await issue(clerk, other, 'approvals.acceptance', h);
    const b = await issue(clerk, other, 'approvals.acceptance', h);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    expect((await env.ownerSql(`select count(*)::int n from case_documents where case_id = $1`, [other])).rows[0].n).toBe(1);
    expect((await issue(clerk, other, 'approvals.grant', h)).statusCode).toBe(422);
  });
});

describe('numbering: gap-free per kind, org and year', () => {
  it('concurrent issuing on eight applications hands out eight consecutive numbers, none twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) { const id = await application(); await act(clerk, id, 'accept'); ids.push(id); }
    const before = Number((await env.ownerSql(`select coalesce(max(seq), 0)::int n from case_documents where kind = 'approvals.acceptance'`)).rows[0].n);
    const rs = await Promise.all(ids.map((id) => issue(clerk, id, 'approvals.acceptance')));
    for (const r of rs) expect(r.statusCode, r.body).toBe(201);
    const ns = rs.map((r) => Number(/〔2026〕(\d+)号/.exec(r.json().number)![1])).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: 8 }, (_, i) => before + i + 1));
    const all = (await env.ownerSql(`select seq from case_documents where kind = 'approvals.acceptance' order by seq`)).rows.map((r) => Number(r.seq));
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('another kind and another org count from 1; a new year starts again at 1', async () => {
    const mine = await application();
    await act(clerk, mine, 'accept');
    await act(approver, mine, 'approve', { licenceNo: 'JY1330199000001' });
    const g = await issue(approver, mine, 'approvals.grant');
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json().number).toBe('许准字〔2026〕1号');
    const otherOrg = services.find((s) => s.orgId !== svc('FW-001').orgId);
    expect(otherOrg).toBeTruthy();
    const o = await application(otherOrg!.code);
    await act(clerk, o, 'accept');
    const r = await issue(clerk, o, 'approvals.acceptance');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().number).toBe('许受字〔2026〕1号');
    // The same case, issued on 2027-01-04: the year's counter starts again.
    const next = await application();
    await act(clerk, next, 'accept');
    env.clock.set(new Date('2027-01-04T09:00:00+08:00'));
    clerk = await env.login('dispatcher');
    const y = await issue(clerk, next, 'approvals.acceptance');
    expect(y.statusCode, y.body).toBe(201);
    expect(y.json().number).toBe('许受字〔2027〕1号');
  });
});

describe('PDF: LibreOffice where installed, a clear 503 where not', () => {
  let docId = '';
  beforeAll(async () => {
    const id = await application();
    await act(clerk, id, 'accept');
    docId = (await issue(clerk, id, 'approvals.acceptance')).json().id;
  });

  it('without LibreOffice: 503 in Chinese, nothing counted, DOCX still works', async () => {
    const saved = process.env.YIFA_SOFFICE;
    process.env.YIFA_SOFFICE = '/nonexistent/soffice';
    try {
      const r = await clerk.get(`/api/v1/documents/${docId}/file?format=pdf`);
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().detail).toContain('未安装 LibreOffice');
      expect((await clerk.post(`/api/v1/documents/${docId}/reprints`, { format: 'pdf' })).statusCode).toBe(503);
      expect((await env.ownerSql(`select count(*)::int n from case_document_prints where document_id = $1`, [docId])).rows[0].n).toBe(0);
      expect((await clerk.get(`/api/v1/documents/${docId}/file?format=docx`)).statusCode).toBe(200);
      expect((await clerk.get(`/api/v1/documents/pdf`)).json()).toEqual({ available: false, message: expect.stringContaining('LibreOffice') });
    } finally {
      if (saved === undefined) delete process.env.YIFA_SOFFICE; else process.env.YIFA_SOFFICE = saved;
    }
  });

  it('with LibreOffice: the PDF says what the DOCX says', async (t) => {
    if (!['/usr/bin/soffice', '/usr/local/bin/soffice'].some((p) => fs.existsSync(p)) || !fs.existsSync('/usr/bin/pdftotext')) {
      console.warn('SKIPPED: soffice or pdftotext not installed (apt-get install -y libreoffice-writer-nogui poppler-utils)'); t.skip(); return;
    }
    const r = await clerk.get(`/api/v1/documents/${docId}/file?format=pdf`);
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-doc-'));
    fs.writeFileSync(path.join(dir, 'd.pdf'), r.rawPayload);
    const text = execFileSync('pdftotext', [path.join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const s of ['示范县行政审批局', '受理通知书', '钱多多：', '许受字〔2027〕']) expect(text, s).toContain(s);
  }, 120_000);
});
