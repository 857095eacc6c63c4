import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loginAs, screenshot, type Server, untilDone, pickOption, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

async function doAction(page: Page, label: string, fill: (dialog: ReturnType<Page['locator']>) => Promise<void>, state: string) {
  await page.getByTestId('case-actions').getByRole('button', { name: label }).click();
  const dialog = page.locator('.ant-modal:visible').last();
  await dialog.waitFor();
  try { await fill(dialog); } catch (e) { await screenshot(page, `disclosure-failed-${label}`); throw e; }
  await dialog.locator('.ant-modal-footer button.ant-btn-primary, .ant-modal-footer button.ant-btn-dangerous').last().click();
  await untilDone(page, async () => (await page.getByTestId('case-state').innerText()) === state);
  await expect.poll(() => page.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
}

test('a citizen applies on the portal; an officer sends a 补正, then answers 部分公开; the report counts it in the right cell', async () => {
  // 1. The citizen applies and gets the number and the due date at once.
  const citizen = await browser.newPage({ viewport: { width: 420, height: 900 } });
  await citizen.goto(`${server.url}/p/disclosure/apply`);
  await citizen.locator('#disc-orgId option', { hasText: '示范县市场监督管理局' }).waitFor({ state: 'attached' });
  await citizen.selectOption('#disc-orgId', { label: '示范县市场监督管理局' });
  await citizen.selectOption('#disc-applicantKind', 'natural');
  await citizen.fill('#disc-name', '王五');
  await citizen.fill('#disc-idNo', '110101198505051234');
  await citizen.fill('#disc-phone', '13700000000');
  await citizen.fill('#disc-description', '本县农贸市场的检查情况');
  await citizen.getByRole('button', { name: '提交申请' }).click();
  const number = (await citizen.getByTestId('disc-number').innerText()).trim();
  expect(number).toMatch(/^GK-2026-\d{6}$/);
  expect(await citizen.getByTestId('disc-due').innerText()).toBe('2026-07-14');
  await screenshot(citizen, 'citizen-applies-for-disclosure');

  // 2. The officer finds it, sends a 补正 notice, records the supplement, answers 部分公开.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(page, server.url, 'handler');
  await page.getByText('待办案件（按期限排序）').waitFor();
  const id = await page.evaluate(async (n) => {
    const r = await fetch(`/api/v1/cases?q=${encodeURIComponent(n)}&limit=5`);
    return ((await r.json()) as { items: { id: string; number: string }[] }).items.find((c) => c.number === n)!.id;
  }, number);
  const before = await page.evaluate(async () => (await (await fetch(`/api/v1/disclosure/reports?orgId=${(await (await fetch('/api/v1/orgs')).json() as { id: string; code: string }[]).find((o) => o.code === '990101-scjgj')!.id}&year=2026`)).json()).table3['leaf:2'].natural as number);
  await page.goto(`${server.url}/console/cases/${id}`);
  await page.getByTestId('case-state').waitFor();
  await doAction(page, '一次性告知补正', async (d) => {
    await d.getByLabel('需补正的事项').fill('请说明所需信息的时间范围和具体市场名称');
    await d.getByLabel('指导和释明').fill('可提供检查的年份或市场名称');
  }, '待申请人补正');
  // The field `content` is found by its label: form field ids are prefixed (action_content), never the id of <main id="content">.
  await doAction(page, '收到补正', async (d) => { await d.getByLabel('补正内容').fill('2026年城关农贸市场'); }, '已补正，办理中');
  await doAction(page, '作出答复', async (d) => {
    await pickOption(page, d.getByLabel('答复类型'), /部分公开/);
    await d.getByLabel('答复内容').fill('隐去检查对象的个人信息后提供检查记录。');
    await d.getByLabel('答复书发文字号').fill('示市监公开〔2026〕21号');
  }, '已答复');

  // 3. The report shows it under 三（二）部分公开, 自然人 column, year 2026.
  await page.goto(`${server.url}/console/disclosure/report`);
  await page.getByRole('combobox', { name: '受理机关' }).click();
  await page.keyboard.type('市场监督');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '示范县市场监督管理局' }).click();
  await page.getByLabel('年度').fill('2026');
  await page.getByLabel('年度').press('Enter');
  const cell = page.locator('[data-cell="3:leaf:2:natural"]');
  await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toBe(String(before + 1));
  await cell.click();
  await expect.poll(() => page.locator('.ant-drawer').innerText(), { timeout: 10_000 }).toContain(number);
  await screenshot(page, 'officer-sees-disclosure-report');
});
