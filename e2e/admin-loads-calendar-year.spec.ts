import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, screenshot, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('an admin loads the 2027 holiday arrangement and sees it in the year view', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(page, server.url, 'admin');
  await page.getByText('待办案件（按期限排序）').waitFor();
  await page.goto(`${server.url}/console/admin/calendar`);
  await page.getByTestId('year-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2027' }).click();
  await page.getByTestId('year-unknown').waitFor();
  expect(await page.getByTestId('year-unknown').innerText()).toContain('未载入');

  await page.getByRole('button', { name: /载入 2027 年安排/ }).click();
  const dialog = page.getByRole('dialog').last();
  await dialog.getByLabel('通知文号与标题').fill('测试通知〔2027〕1号 关于2027年部分节假日安排的通知（e2e 虚构）');
  await dialog.getByLabel('来源网址').fill('https://example.invalid/e2e-2027');
  await dialog.getByRole('button', { name: '添加一项放假安排' }).click();
  await dialog.getByLabel('节日名称').fill('国庆节');
  await dialog.getByLabel('放假日期').fill('10-01..10-07');
  const workdays = dialog.locator('.ant-select input');
  await workdays.fill('09-26'); await workdays.press('Enter');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();

  await page.getByTestId('year-view').waitFor();
  await expect.poll(() => page.locator('td[data-date="2027-10-04"]').getAttribute('data-kind')).toBe('holiday');
  expect(await page.locator('td[data-date="2027-09-26"]').getAttribute('data-kind')).toBe('makeup_workday');
  expect(await page.getByText('测试通知〔2027〕1号').count()).toBeGreaterThan(0);
  await screenshot(page, 'admin-loads-calendar-year');
});

test('an admin sets the county value of an unsourced deadline; a statutory one cannot be edited', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(page, server.url, 'admin');
  await page.goto(`${server.url}/console/admin/rules`);
  const statutory = page.locator('.ant-table-row', { hasText: 'approvals.decision' }).first();
  await expect.poll(() => statutory.innerText()).toContain('法定，不可修改');
  const row = page.locator('.ant-table-row', { hasText: 'hotline.citizen.complex' });
  expect(await row.innerText()).toContain('无全国规定，本县设定');
  await row.getByRole('button', { name: '设定本县期限' }).click();
  const dialog = page.locator('.ant-modal:visible').last();
  await dialog.getByLabel(/期限长度/).fill('12');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect.poll(() => dialog.innerText()).toContain('文件名称和文号');
  await dialog.getByLabel('本县依据').fill('示政办发〔2026〕12号 示范县12345热线管理办法');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect.poll(() => row.innerText()).toContain('本县已设定');
  expect(await row.innerText()).toContain('12 个工作日');
  await screenshot(page, 'admin-sets-county-deadline');
});
