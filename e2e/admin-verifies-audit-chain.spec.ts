import fs from 'node:fs';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, screenshot, steps, type Server, closeDropdowns, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('an admin issues an API token (shown once) and revokes it, filters and exports the audit log, and verifies the hash chain', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'admin-verifies-audit-chain', async () => {
    await loginAs(page, server.url, 'admin');
    await page.getByText('待办案件（按期限排序）').waitFor();
    await page.getByRole('menuitem', { name: 'API 令牌' }).click();
    await page.waitForURL(/\/console\/admin\/tokens/);
    await page.getByText('演示 Open311 客户端').waitFor();

    // Create: the scope is required; the token is shown once and works against the API.
    await page.getByRole('button', { name: '新建令牌' }).click();
    const dlg = page.locator('.ant-modal:visible').last();
    await dlg.getByLabel('名称', { exact: true }).fill('统计大屏');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    await dlg.getByText('至少选择一个权限范围').waitFor();
    // a multiple select: its dropdown stays open after a pick until the focus moves on
    await dlg.getByLabel('权限范围', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('查看案件（cases:read）', { exact: true }).click();
    await dlg.getByLabel('名称', { exact: true }).click();
    await closeDropdowns(page);
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    const tokenText = page.getByTestId('new-token');
    await tokenText.waitFor();
    const token = (await tokenText.innerText()).trim();
    expect(token).toMatch(/^yifa_/);
    await page.getByText('它只显示这一次').waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '统计大屏' });
    expect(await row.innerText()).toContain(token.slice(0, 9));
    expect(await row.innerText()).not.toContain(token);
    expect((await fetch(`${server.url}/api/v1/cases?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // Revoke: the row says so and the token stops working.
    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => row.innerText()).toContain('已吊销');
    expect((await fetch(`${server.url}/api/v1/cases?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await screenshot(page, 'admin-manages-tokens');

    // Audit log: filter by action prefix → only token events, newest first.
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(/\/console\/admin\/audit/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByPlaceholder('操作', { exact: true }).fill('token.');
    await page.getByRole('button', { name: /^筛\s*选$/ }).click();
    // filtered by the code; shown in words (issue 11: no codes on screens)
    await expect.poll(() => rows.locator('td:nth-child(6)').allInnerTexts()).toEqual(['吊销接口令牌', '签发接口令牌']);
    expect(await rows.first().innerText()).toContain('王管理');
    // Expand a row: its detail.
    await rows.last().locator('.ant-table-row-expand-icon').click();
    await page.locator('.ant-table-expanded-row').getByText('统计大屏').waitFor();

    // Export the filtered log.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 XLSX' }).click()]);
    expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync(await dl.path()).subarray(0, 2).toString()).toBe('PK');

    // Verify the chains: a progress bar that reaches 100 % and a clean result.
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const v = page.locator('.ant-modal:visible').last();
    await v.locator('.ant-progress').waitFor();
    await v.getByText(/校验通过：\d+ 条记录的哈希链完整/).waitFor({ timeout: 20_000 });
    expect(await v.locator('.ant-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await v.innerText()).toMatch(/已校验 (\d+) \/ \1 条/);
    await page.waitForTimeout(400); // let the bar finish its width transition for the screenshot
    await screenshot(page, 'admin-verifies-audit-chain');
  });
}, 60_000);
