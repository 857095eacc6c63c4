/**
 * 文书 (issue 11): the administrator gives the 受理通知书 the county's 文号 rule on the 文书模板 page (live preview); a
 * window clerk accepts an application and issues the 受理通知书, the approver grants it and issues the 准予行政许可决定书;
 * each is opened as a PDF from the case page, and the PDF's text (pdftotext) says what it must.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { confirmModal, DEMO_PASSWORD, loginAs, screenshot, steps, untilDone, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const tools = ['soffice', 'pdftotext'].filter((x) => !['/usr/bin', '/usr/local/bin'].some((d) => fs.existsSync(path.join(d, x))));

/** An application received at the window (through the API, as the clerk): its case id. */
async function application(url: string): Promise<string> {
  const body = JSON.stringify({ username: 'dispatcher', password: DEMO_PASSWORD });
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const headers = { cookie, 'x-csrf-token': (await login.json() as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
  const services = await (await fetch(`${url}/api/v1/powers/services`, { headers })).json() as { id: string; code: string; materials: { name: string }[] }[];
  const s = services.find((x) => x.code === 'FW-001')!;
  const input = { serviceId: s.id, channel: 'window', applicantName: '欧阳明', applicantPhone: '13811112222', materials: s.materials.map((m) => m.name) };
  const r = await fetch(`${url}/api/v1/cases`, { method: 'POST', headers, body: JSON.stringify({ type: 'approval', input }) });
  expect(r.status).toBe(201);
  return (await r.json() as { id: string }).id;
}

/** Take an action from the case page's buttons, filling its dialog, and wait for the new state. */
async function act(page: Page, label: string, state: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByTestId('case-actions').getByRole('button', { name: new RegExp(`^${label.split('').join('\\s*')}$`) }).click();
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.locator('.ant-modal-footer button.ant-btn-primary').last().click();
  await untilDone(page, async () => (await page.getByTestId('case-state').innerText()) === state);
}

/** Issue a document from the 文书 panel; returns its row in the list of issued documents. */
async function issue(page: Page, label: string, number: RegExp) {
  await page.getByTestId('document-kinds').getByRole('button', { name: `出具${label}` }).click();
  await confirmModal(page);
  const row = page.getByTestId('documents-issued').locator('tr', { hasText: label });
  await expect.poll(async () => (await row.count()) ? row.first().innerText() : '').toMatch(number);
  return row.first();
}

/**
 * Open the document's PDF from its row (a new tab with the PDF) and return the PDF's text. The bytes are read again through
 * the page's own session (page.request, same cookies): a browser's PDF viewer does not hand the document back to the test.
 */
async function pdfText(page: Page, row: ReturnType<Page['locator']>): Promise<string> {
  const link = row.getByRole('link', { name: 'PDF' });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/\/api\/v1\/documents\/[0-9a-f-]{36}\/file\?format=pdf$/);
  const [tab] = await Promise.all([page.context().waitForEvent('page', { timeout: 30_000 }), link.click()]);
  await expect.poll(() => tab.url(), { timeout: 90_000 }).toContain('format=pdf');
  await tab.close();
  const res = await page.request.get(`${server.url}${href}`, { timeout: 90_000 });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-e2e-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'd.pdf'), await res.body());
    return execFileSync('pdftotext', [path.join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}

test('the county sets a 文号 rule; a clerk issues a 受理通知书 and an approver a 准予行政许可决定书, each opened as PDF', async (t) => {
  if (tools.length) {
    console.warn(`SKIPPED: ${tools.join(', ')} not installed (apt-get install -y libreoffice-writer-nogui poppler-utils)`);
    t.skip();
    return;
  }
  const id = await application(server.url);

  const admin = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await steps(admin, 'documents-admin', async () => {
    await loginAs(admin, server.url, 'admin');
    await admin.goto(`${server.url}/console/admin/documents?kind=approvals.acceptance`);
    const preview = admin.getByTestId('document-preview');
    await expect.poll(() => preview.innerText()).toContain('许受字〔2026〕1号');
    await admin.getByLabel('文号规则', { exact: true }).fill('示审批受字〔{year}〕{n}号');
    await expect.poll(() => preview.innerText()).toContain('示审批受字〔2026〕1号');
    // A mistake is shown before saving: an unknown placeholder.
    const body = admin.getByLabel('正文', { exact: true });
    await body.fill(`${await body.inputValue()}\n{{受理人}}`);
    await expect.poll(() => admin.getByTestId('template-problems').innerText()).toContain('{{受理人}}');
    await body.fill((await body.inputValue()).replace('\n{{受理人}}', ''));
    await admin.getByLabel('修改原因（选填，记入历史）').fill('按本县发文代字');
    await admin.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => admin.getByTestId('template-source').innerText()).toContain('本县第 1 版');
    await screenshot(admin, 'documents-admin-template');
  });

  const clerk = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await steps(clerk, 'documents-clerk', async () => {
    await loginAs(clerk, server.url, 'dispatcher');
    await clerk.goto(`${server.url}/console/cases/${id}`);
    await expect.poll(() => clerk.getByTestId('case-state').innerText()).toBe('已收件');
    // Before 受理 the notice cannot be issued; the panel says why.
    await expect.poll(() => clerk.getByTestId('document-kinds-later').innerText()).toContain('受理通知书');
    expect(await clerk.getByTestId('document-kinds').getByRole('button', { name: '出具受理通知书' }).count()).toBe(0);
    await act(clerk, '受理', '审查中');
    const row = await issue(clerk, '受理通知书', /示审批受字〔2026〕1号/);
    const text = await pdfText(clerk, row);
    for (const s of ['示范县行政审批局', '示审批受字〔2026〕1号', '受理通知书', '欧阳明：', '食品经营许可', '本机关决定予以受理']) expect(text, s).toContain(s);
    await screenshot(clerk, 'documents-clerk-issued-acceptance');
  });

  const approver = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await steps(approver, 'documents-approver', async () => {
    await loginAs(approver, server.url, 'approver');
    await approver.goto(`${server.url}/console/cases/${id}`);
    await act(approver, '准予许可', '已准予，待送达', async (d) => { await d.getByLabel('许可证件编号').fill('JY13301990101000123'); });
    const row = await issue(approver, '准予行政许可决定书', /许准字〔2026〕1号/);
    const text = await pdfText(approver, row);
    for (const s of ['准予行政许可决定书', '许准字〔2026〕1号', '欧阳明：', '本机关决定准予行政许可', 'JY13301990101000123', '十日内']) expect(text, s).toContain(s);
    await screenshot(approver, 'documents-approver-issued-grant');
  });
}, 300_000);
