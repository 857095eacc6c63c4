/**
 * The 年报 DOCX laid out like the 30号 template, checked on the rendered pages: LibreOffice converts it to PDF, poppler
 * renders every page to PNG and extracts the text with its layout. Table 三 is on one page with all its rows, its leaf
 * labels are whole on their lines (not wrapped every three characters) and every group stays with its rows.
 * CI installs the tools (libreoffice-writer-nogui, poppler-utils); without them the test says so and is skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { LEAVES } from './rules.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env?.close(); });

const has = (tool: string) => ['/usr/bin', '/usr/local/bin'].some((d) => fs.existsSync(path.join(d, tool)));

it('table 三 on one page, labels whole, pages rendered', async (t) => {
  const missing = ['soffice', 'pdftoppm', 'pdftotext', 'pdfinfo'].filter((x) => !has(x));
  if (missing.length) {
    console.warn(`SKIPPED: ${missing.join(', ')} not installed (apt-get install -y libreoffice-writer-nogui poppler-utils)`);
    t.skip();
    return;
  }
  const leader = await env.login('leader');
  const gov = String((await env.ownerSql(`select id from orgs where kind = 'government' and region_code = '990101' order by path limit 1`)).rows[0].id);
  const r = await leader.get(`/api/v1/disclosure/reports/export?orgId=${gov}&year=2026&scope=government&format=docx`);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-report-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.docx'), r.rawPayload);
    const args = ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'report.docx')];
    execFileSync('soffice', args, { timeout: 120_000 });
    const pdf = path.join(dir, 'report.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    // 一 and table 二 on page 1, table 三 alone on page 2, table 四 and 五、六 on page 3 (it ran over three pages by itself before).
    expect(pages).toBe(3);
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(dir, 'page')], { timeout: 60_000 });
    const pngs = fs.readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pngs).toHaveLength(pages);
    for (const p of pngs) expect(fs.statSync(path.join(dir, p)).size).toBeGreaterThan(5000);
    const page = (n: number, layout = true) =>
      execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
    const at = [1, 2, 3].find((n) => page(n).includes('本年新收政府信息公开申请数量'))!;
    const t3 = page(at);
    const flowing = page(at, false).replace(/\s+/g, '');
    // The whole table on one page: its first and last rows and every leaf.
    expect(t3).toContain('申请人情况');
    expect(t3).toContain('四、结转下年度继续办理');
    const lines = t3.split('\n');
    for (const l of LEAVES) {
      const label = /^\d+\./.test(l.label) ? l.label : l.label.replace(/^（[一二三四五六七]）/, '');
      // A label of up to 14 characters fits its column: found whole on one line (pdftotext -layout keeps each line).
      if (label.length <= 14) expect(lines.some((x) => x.includes(label)), label).toBe(true);
      else expect(flowing, label).toContain(label); // a long label wraps inside its cell, in reading order
    }
    for (const g of ['不予公开', '无法提供', '不予处理', '其他处理', '（七）总计']) expect(lines.some((x) => x.includes(g)), g).toBe(true);
    // Each figure row is a single line of seven numbers (rows are never split across pages).
    expect(lines.filter((x) => /(\s+\d+){7}\s*$/.test(x)).length).toBe(LEAVES.length + 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
