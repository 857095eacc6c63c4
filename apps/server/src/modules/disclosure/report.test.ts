import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { openCaseInTrx, performInTrx } from '../../platform/cases/engine.ts';
import type { Actor } from '../../platform/authz.ts';
import { APPLICANT_KINDS, LEAVES } from './rules.ts';

let env: TestEnv;
let handler: Session;
let org: string;
let actor: Actor;
const KINDS = APPLICANT_KINDS.map((k) => k.key);
// Outcome → [action, input, leaf] used by the generator; the test's own crosswalk.
const OUTCOMES: [string, Record<string, unknown>, string][] = [
  ['answer', { answerType: 'disclose' }, '1'], ['answer', { answerType: 'published' }, '1'], ['answer', { answerType: 'partial' }, '2'],
  ['answer', { answerType: 'withhold', ground: 'state_secret' }, '3.1'], ['answer', { answerType: 'withhold', ground: 'third_party' }, '3.4'],
  ['answer', { answerType: 'withhold', ground: 'process' }, '3.6'], ['answer', { answerType: 'special_access' }, '3.8'],
  ['answer', { answerType: 'not_exist' }, '4.1'], ['answer', { answerType: 'needs_processing' }, '4.2'], ['answer', { answerType: 'petition' }, '5.1'],
  ['answer', { answerType: 'repeat' }, '5.2'], ['answer', { answerType: 'unreasonable' }, '5.4'], ['withdraw', { reason: '申请人电话撤回' }, '6.3'],
];
interface Gen { kind: string; received: string; closed: string | null; leaf: string | null; id?: string }
const gen: Gen[] = [];

function rnd(seed: number) { let s = seed; return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; }; }
const at = (d: string, h = 10) => new Date(`${d}T${String(h).padStart(2, '0')}:00:00+08:00`);
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await createTestEnv();
  org = String((await env.ownerSql(`select id from orgs where code = '990101-jyj'`)).rows[0].id);
  const uid = String((await env.ownerSql(`select id from users where username = 'handler'`)).rows[0].id);
  // The 市场监管 handler gets a grant on 教育局 for this test, via SQL (the org has no demo requests).
  await env.ownerSql(`insert into role_grants (user_id, role, org_id, subtree) values ($1, 'handler', $2, false)`, [uid, org]);
  actor = (await userActor(env.ctx.db, uid, null))!;
  // A generated stretch of requests from 2025-10 to 2026-03, across the year boundary.
  const r = rnd(42);
  for (let i = 0; i < 90; i++) {
    const received = plus('2025-10-08', Math.floor(r() * 170));
    const open = r() < 0.12;
    const o = OUTCOMES[Math.floor(r() * OUTCOMES.length)];
    const closed = open ? null : plus(received, Math.floor(r() * 30));
    gen.push({ kind: KINDS[Math.floor(r() * KINDS.length)], received, closed: closed && closed <= '2026-06-15' ? closed : null, leaf: o[2] });
    const g = gen[gen.length - 1];
    env.clock.set(at(received, 9));
    g.id = await env.ctx.db.transaction().execute((trx) => openCaseInTrx(env.ctx, trx, 'disclosure_request', {
      orgId: org, channel: 'in_person', applicantKind: g.kind, parties: { applicant: { name: `申请人${i}`, idNo: `1101011990010${String(1000 + i)}`, phone: '13800000000' } },
      description: `第${i}号申请的信息`, format: '纸质', via: '邮寄',
    }, actor, null));
    if (g.closed) {
      env.clock.set(at(g.closed, 16));
      const input = o[0] === 'answer' ? { ...o[1], content: '答复内容', docNo: `示教公开〔${g.closed.slice(0, 4)}〕${i + 1}号` } : o[1];
      await env.ctx.db.transaction().execute((trx) => performInTrx(env.ctx, trx, { caseId: g.id!, action: o[0], input, actor }));
    } else g.leaf = null;
  }
  env.clock.set(at('2026-06-15'));
  handler = await env.login('handler');
}, 120_000);
afterAll(async () => { await env.close(); });

/** Table 三 computed by the test from what it generated. */
function expected(year: number) {
  const ys = `${year}-01-01`; const ye = `${year}-12-31`;
  const t: Record<string, Record<string, number>> = {};
  const rows = ['new', 'carried_in', 'closed', 'carried_out', ...LEAVES.map((l) => `leaf:${l.key}`)];
  for (const r of rows) t[r] = Object.fromEntries([...KINDS, 'total'].map((k) => [k, 0]));
  const inc = (r: string, k: string) => { t[r][k]++; t[r].total++; };
  for (const g of gen) {
    if (g.received >= ys && g.received <= ye) inc('new', g.kind);
    if (g.received < ys && (!g.closed || g.closed >= ys)) inc('carried_in', g.kind);
    if (g.closed && g.closed >= ys && g.closed <= ye) { inc('closed', g.kind); inc(`leaf:${g.leaf}`, g.kind); }
    if (g.received <= ye && (!g.closed || g.closed > ye)) inc('carried_out', g.kind);
  }
  return t;
}

describe('annual report (国办公开办函〔2021〕30号)', () => {
  it('table 三 matches the independent computation cell for cell, in both years across the boundary', async () => {
    for (const year of [2025, 2026]) {
      const r = await handler.get(`/api/v1/disclosure/reports?orgId=${org}&year=${year}`);
      expect(r.statusCode, r.body).toBe(200);
      const rep = r.json();
      const exp = expected(year);
      for (const [row, cols] of Object.entries(exp)) for (const [col, v] of Object.entries(cols)) expect(rep.table3[row][col], `${year} ${row} ${col}`).toBe(v);
      expect(rep.problems).toEqual([]);
    }
    const r25 = (await handler.get(`/api/v1/disclosure/reports?orgId=${org}&year=2025`)).json();
    const r26 = (await handler.get(`/api/v1/disclosure/reports?orgId=${org}&year=2026`)).json();
    expect(r26.table3.carried_in.total).toBe(r25.table3.carried_out.total);
    expect(r25.table3.carried_out.total).toBeGreaterThan(0);
  });

  it('every cell clicks through to its records', async () => {
    const rep = (await handler.get(`/api/v1/disclosure/reports?orgId=${org}&year=2026`)).json();
    const d = await handler.get(`/api/v1/disclosure/reports/cell?orgId=${org}&year=2026&table=3&row=carried_in&col=total&limit=500`);
    expect(d.statusCode).toBe(200);
    expect(d.json().total).toBe(rep.table3.carried_in.total);
    const ids = new Set(d.json().items.map((x: { id: string }) => x.id));
    const want = gen.filter((g) => g.received < '2026-01-01' && (!g.closed || g.closed >= '2026-01-01')).map((g) => g.id);
    expect([...ids].sort()).toEqual(want.sort());
    expect((await handler.get(`/api/v1/disclosure/reports/cell?orgId=${org}&year=2026&table=3&row=nope&col=total`)).statusCode).toBe(400);
  });

  it('a report whose 勾稽关系 fails cannot be published and names the cells; a sound one can', async () => {
    const q = `orgId=${org}&year=2025`;
    expect((await handler.put(`/api/v1/disclosure/reports?${q}`, { docNo: '示教公开〔2026〕01号' })).statusCode).toBe(400);
    const saved = await handler.put(`/api/v1/disclosure/reports?${q}`, { docNo: '示教公开〔2026〕1号', sections: { 六: '本年度收取信息处理费{{信息处理费}}元，新收申请{{新收申请数}}件。' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().rendered.六).toBe(`本年度收取信息处理费0元，新收申请${expected(2025).new.total}件。`);
    // Corrupt one record: a closed request without a leaf.
    const victim = gen.find((g) => g.closed && g.closed.startsWith('2025'))!;
    await env.ownerSql(`update disclosure_requests set leaf = null where case_id = $1`, [victim.id]);
    const bad = await handler.post(`/api/v1/disclosure/reports/publish?${q}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain(`table3.closed:${victim.kind}`);
    await env.ownerSql(`update disclosure_requests set leaf = $2 where case_id = $1`, [victim.id, victim.leaf]);
    const ok = await handler.post(`/api/v1/disclosure/reports/publish?${q}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().late).toBe(true); // published 2026-06-15, after 2026-01-31
    expect((await handler.put(`/api/v1/disclosure/reports?${q}`, { sections: { 一: 'x' } })).statusCode).toBe(409);
    const list = (await env.app.inject({ method: 'GET', url: '/api/v1/public/disclosure/reports?year=2025' })).json();
    expect(list.map((x: { orgId: string }) => x.orgId)).toContain(org);
    const reminders = (await handler.get('/api/v1/disclosure/reports/reminders?year=2025')).json();
    expect(reminders.find((x: { orgId: string }) => x.orgId === org)).toMatchObject({ dueOn: '2026-01-31', status: 'published', overdue: true });
  });

  it('exports XLSX tables with the same figures', async () => {
    const rep = (await handler.get(`/api/v1/disclosure/reports?orgId=${org}&year=2026`)).json();
    const x = await handler.get(`/api/v1/disclosure/reports/export?orgId=${org}&year=2026&format=xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.getWorksheet('三、依申请公开')!;
    expect(String(ws.getCell(1, 1).value)).toContain('勾稽关系');
    // Row 4 = 一、本年新收; column 10 = 总计.
    expect(ws.getCell(4, 10).value).toBe(rep.table3.new.total);
    expect(ws.getCell(4, 4).value).toBe(rep.table3.new.natural);
  });

  it('DOCX in 公文 layout opens in LibreOffice and its text contains the tables', async (t) => {
    const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));
    if (!soffice) { console.warn('SKIPPED: soffice not installed (apt-get install -y libreoffice-writer-nogui poppler-utils)'); t.skip(); return; }
    const r = await handler.get(`/api/v1/disclosure/reports/export?orgId=${org}&year=2026&format=docx`);
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-docx-'));
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, r.rawPayload);
    execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
    const text = execFileSync('pdftotext', [path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['政府信息公开工作年度报告', '一、总体情况', '二、主动公开政府信息情况', '第二十条第（一）项', '三、收到和处理政府信息公开申请情况', '本年新收政府信息公开申请数量', '申请人情况', '自然人', '四、政府信息公开行政复议、行政诉讼情况', '未经复议直接起诉', '结转下年度继续办理', '— 1 —']) {
      expect(text, s).toContain(s.replace(/\s+/g, ''));
    }
    const info = execFileSync('pdfinfo', [path.join(dir, 'report.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    // A reply letter (答复告知书) in the same layout, with the explanation of the deadline.
    const answered = gen.find((g) => g.closed && g.leaf === '2')!;
    const letter = await handler.get(`/api/v1/disclosure/requests/${answered.id}/letter?kind=answer`);
    expect(letter.statusCode).toBe(200);
    fs.writeFileSync(path.join(dir, 'letter.docx'), letter.rawPayload);
    execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'letter.docx')], { timeout: 120_000 });
    const lt = execFileSync('pdftotext', [path.join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['政府信息公开申请答复告知书', '第三十七条', '答复期限说明', '示范县教育局', '行政复议']) expect(lt, s).toContain(s);
    expect(lt).toMatch(/示教公开〔\d{4}〕\d+号/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
