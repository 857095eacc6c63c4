import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, pickOption, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('an admin changes a module setting (basis shown, new version in the history) and designates an org for a legal role', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'admin-changes-settings-and-designates', async () => {
    await loginAs(page, server.url, 'admin');
    await page.getByText('待办案件（按期限排序）').waitFor();

    // 本县设置 → 12345热线: each field shows its basis and the platform default; an empty value is refused at its field.
    await page.getByRole('menuitem', { name: '本县设置' }).click();
    await page.waitForURL(/\/console\/admin\/settings/);
    await page.getByRole('tab', { name: /12345/ }).click();
    const days = page.getByLabel('并单回溯天数');
    await expect.poll(() => days.inputValue()).toBe('30');
    expect(await page.getByText(/依据：国办函〔2025〕66号/).count()).toBe(1);
    expect(await page.getByText(/平台默认：30/).count()).toBe(1);
    expect(await page.getByTestId('settings-source').innerText()).toContain('尚未设定');
    await days.fill('');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('请填写并单回溯天数');

    await days.fill('14');
    await page.getByLabel('修改原因（选填，记入历史）').fill('县政府办公室通知：重复诉求按两周合并');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存为第 1 版').waitFor();
    await expect.poll(() => page.getByTestId('settings-history').innerText()).toContain('第 1 版');
    expect(await page.getByTestId('settings-history').innerText()).toContain('县政府办公室通知');
    expect(await page.getByTestId('settings-source').innerText()).toContain('第 1 版');
    await page.reload();
    await expect.poll(() => page.getByLabel('并单回溯天数').inputValue()).toBe('14');
    await screenshot(page, 'admin-changes-module-setting');

    // 机构职能指定: the 12345 热线工作机构 moves to another org from today; the history keeps the old one.
    await page.getByRole('menuitem', { name: '机构职能指定' }).click();
    await page.waitForURL(/\/console\/admin\/designations/);
    const current = () => page.getByTestId('designation-hotline_centre').innerText();
    const before = await (async () => { await expect.poll(current).not.toBe(''); return current(); })();
    const row = page.locator('.ant-table-row', { hasText: '12345 热线工作机构' });
    await row.getByRole('button', { name: /指\s*定/ }).click();
    const dlg = page.locator('.ant-modal:visible').last();
    await expect.poll(() => dlg.innerText()).toContain('国办发〔2020〕53号');
    await pickOption(page, dlg.getByLabel('机构', { exact: true }), '示范县司法局', '司法');
    await dlg.getByLabel('指定文件（文号或会议纪要，选填）').fill('示编〔2026〕7号');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(current).toContain('示范县司法局');
    expect(await current()).toContain('2026-06-15');
    await row.locator('.ant-table-row-expand-icon').click();
    const history = page.locator('.ant-table-expanded-row').filter({ hasText: '示编〔2026〕7号' });
    await history.waitFor();
    expect(await history.innerText()).toContain(before.split(' ')[0]);
    await screenshot(page, 'admin-designates-org');
  });
}, 90_000);
