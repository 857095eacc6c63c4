import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('a staff member changes the password (errors on their fields), signs in with it, and after 30 idle minutes is sent to the login page with a message and back', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'staff-changes-password-and-times-out', async () => {
    await loginAs(page, server.url, 'township');
    await page.getByText('待办案件（按期限排序）').waitFor();

    await page.getByRole('button', { name: '用户菜单' }).hover();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dlg = page.locator('.ant-modal:visible').last();
    const errors = () => dlg.locator('.ant-form-item-explain-error').allInnerTexts();
    await dlg.getByLabel('当前密码', { exact: true }).fill('wrong-password');
    await dlg.getByLabel('新密码', { exact: true }).fill('short');
    await dlg.getByLabel('确认新密码', { exact: true }).fill('shorter');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(errors).toContain('两次输入的新密码不一致');
    await dlg.getByLabel('确认新密码', { exact: true }).fill('short');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    // The server's reasons land on their fields.
    await expect.poll(errors).toEqual(expect.arrayContaining(['当前密码不正确', '密码至少 10 位']));
    await dlg.getByLabel('当前密码', { exact: true }).fill(DEMO_PASSWORD);
    await dlg.getByLabel('新密码', { exact: true }).fill('Chengguan#2026new');
    await dlg.getByLabel('确认新密码', { exact: true }).fill('Chengguan#2026new');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('密码已修改').waitFor();

    // Log out; the old password no longer works, the new one does.
    await page.getByRole('button', { name: '用户菜单' }).hover();
    await page.getByRole('menuitem', { name: '退出' }).click();
    await page.getByRole('status').getByText('已退出登录').waitFor();
    await loginAs(page, server.url, 'township');
    await page.getByTestId('login-error').waitFor();
    await loginAs(page, server.url, 'township', 'Chengguan#2026new');
    await page.getByText('待办案件（按期限排序）').waitFor();

    // Open a case, go idle for 31 minutes; the next request sends the user to the login page.
    await page.locator('.ant-table-tbody tr.row-click').first().click();
    await page.waitForURL(/\/console\/cases\//);
    const casePath = new URL(page.url()).pathname;
    await page.getByTestId('timeline').waitFor();
    if (!server.advance) return; // against an external server the clock cannot be moved
    server.advance(31 * 60_000);
    await page.reload(); // any request now answers 401 session_expired
    await page.waitForURL(/\/console\/login\?next=/);
    await page.getByRole('status').getByText('登录已超时，请重新登录').waitFor();
    await screenshot(page, 'staff-session-expired');
    // Signing in again returns to the case the user was on.
    await page.getByLabel('用户名', { exact: true }).fill('township');
    await page.getByLabel('密码', { exact: true }).fill('Chengguan#2026new');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('timeline').waitFor();
    expect(new URL(page.url()).pathname).toBe(casePath);
  });
}, 60_000);
