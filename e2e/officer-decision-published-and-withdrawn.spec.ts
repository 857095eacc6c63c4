import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, screenshot, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

/** A staff session through the API (cookie + CSRF): the case's steps before and after what the citizen sees. */
async function apiAs(username: string) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined });
    const json = await res.json() as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { act: (id: string, action: string, input: Record<string, unknown> = {}) => call('POST', `/cases/${id}/actions`, { action, input }),
    get: (p: string) => call('GET', p), post: (p: string, body: unknown) => call('POST', p, body) };
}

const DOC_NO = '示市监罚〔2026〕888号';

test('an officer\'s decision is published on the portal within its clock, revoked and withdrawn; a citizen checks a certificate and the 执法主体', async () => {
  const officer = await apiAs('handler');
  const admin = await apiAs('admin');
  const power = ((await admin.get('/powers/items?q=CF-001')).items as { id: string }[])[0].id;
  const c = await officer.post('/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'person',
    parties: { name: '赵小明' }, facts: '赵小明在农贸市场销售超过保质期的食品 12 件。' } }) as { id: string };
  await officer.act(c.id, 'investigate', { officerCertNos: ['SCJG-2024-0001', 'SCJG-2024-0002'], record: '现场检查，制作现场笔录并拍照。' });
  await officer.act(c.id, 'notify', { proposedPenalty: '警告，罚款 180 元', fineAmount: 180, reasons: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条' });
  await officer.act(c.id, 'decide', { outcome: '处罚', decisionNo: DOC_NO, fineAmount: 180, penalty: '警告，罚款 180 元',
    remedies: '六十日内申请行政复议或六个月内提起行政诉讼' });
  const published = await officer.act(c.id, 'publish') as { clocks: { key: string; status: string; dueDate: string }[] };
  const clock = published.clocks.find((k) => k.key === 'publication')!;
  expect(clock.status).toBe('stopped');

  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByRole('link', { name: /行政执法公示/ }).first().click();
  await page.getByRole('heading', { name: '行政执法公示' }).waitFor();
  await page.getByPlaceholder(/输入关键词/).fill(DOC_NO);
  await page.getByRole('button', { name: '检索' }).click();
  await page.getByTestId('ed-total').filter({ hasText: '共 1 条' }).waitFor();
  await page.getByRole('link', { name: new RegExp(DOC_NO) }).click();
  await page.getByText('决定书文号').waitFor();
  const text = await page.locator('article').innerText();
  expect(text).toContain('赵**');
  expect(text).not.toContain('赵小明');
  const publishedOn = text.match(/公示日期\s*(\d{4}-\d{2}-\d{2})/)?.[1];
  expect(publishedOn && publishedOn <= clock.dueDate).toBe(true);
  await screenshot(page, 'enforcement-decision-published');
  const itemUrl = page.url();

  await officer.act(c.id, 'revoke', { kind: '撤销', instrument: '示政复决字〔2026〕88号', reason: '行政复议决定撤销该处罚决定' });
  await officer.act(c.id, 'withdraw_publication', { explanation: '该处罚决定已被行政复议决定撤销' });
  await page.goto(itemUrl);
  await page.getByText('该行政处罚决定未公示或已依法撤回').waitFor();
  await page.goto(`${server.url}/p/enforcement/decisions`);
  await page.getByPlaceholder(/输入关键词/).fill(DOC_NO);
  await page.getByRole('button', { name: '检索' }).click();
  await page.getByTestId('ed-total').filter({ hasText: '共 0 条' }).waitFor();

  await page.goto(`${server.url}/p/enforcement/certificate`);
  await page.getByLabel('执法证号').fill('SCJG-2024-0001');
  await page.getByRole('button', { name: '核验' }).click();
  const cert = await page.getByTestId('cert-result').innerText();
  expect(cert).toContain('刘执法');
  expect(cert).toContain('有效');
  await screenshot(page, 'enforcement-certificate-checked');

  // 事前公示: the year's 执法主体 as the 司法局 published them, each with its powers from the 权责清单 and its certified officers
  await page.goto(server.url);
  await page.getByRole('link', { name: /行政执法主体/ }).first().click();
  await page.getByTestId('es-version').waitFor();
  const subject = page.locator('article', { has: page.getByRole('heading', { name: '示范县市场监督管理局' }) });
  expect(await subject.innerText()).toMatch(/持证执法人员 \d+ 人 · 执法职权 \d+ 项/);
  expect(await subject.getByRole('cell', { name: 'CF-001', exact: true }).count()).toBe(1);
  await screenshot(page, 'enforcement-subjects-published');
});
