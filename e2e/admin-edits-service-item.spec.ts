import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, pickOption, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
const BLANK = Buffer.from('%PDF-1.4\n% 卫生许可申请书 空白表格\n%%EOF\n');
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('an admin edits a service item: promised over statutory is refused at the field, a valid edit with a new blank form is saved and the portal 办事指南 shows it and serves the form', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'admin-edits-service-item', async () => {
    await loginAs(page, server.url, 'admin');
    await page.getByRole('menuitem', { name: '政务服务事项' }).click();
    await page.waitForURL(/\/console\/powers\/services/);
    const row = page.locator('.ant-table-row', { hasText: 'FW-002' });
    await row.getByRole('button', { name: /修\s*改/ }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('修改：公共场所卫生许可（新办）').waitFor();

    // 承诺时限 over the 法定时限 (20): the field says so and nothing is saved.
    const promised = modal.getByLabel('承诺时限（工作日）');
    await promised.fill('25');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await modal.getByText('承诺时限不能超过法定时限').waitFor();
    await screenshot(page, 'admin-edits-service-item-error', { fullPage: false });

    // A valid edit: 4 working days, one material dropped, the county's own blank form for the application.
    await promised.fill('4');
    await modal.locator('.ant-select-selection-item', { hasText: '场所平面图' }).locator('.ant-select-selection-item-remove').click();
    const formRow = modal.locator('.material-files tr', { hasText: '卫生许可申请书' });
    await formRow.getByText('卫生许可申请书（空白表格）.docx').waitFor(); // the demo's generated form
    await formRow.locator('input[type=file]').first().setInputFiles({ name: '卫生许可申请书（2026版）.pdf', mimeType: 'application/pdf', buffer: BLANK });
    await formRow.getByText('卫生许可申请书（2026版）.pdf').waitFor();
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存').waitFor();
    await expect.poll(() => row.locator('td').nth(5).innerText()).toBe('4');

    // The portal's 办事指南 shows the new limit and materials.
    const portal = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await portal.goto(`${server.url}/p/services`);
    await portal.getByRole('link', { name: '公共场所卫生许可（新办）' }).click();
    await portal.getByRole('heading', { name: '公共场所卫生许可（新办）' }).waitFor();
    await expect.poll(() => portal.locator('dl.facts').innerText()).toContain('承诺时限\n4 个工作日');
    const materials = await portal.locator('ol.guide-materials li').allInnerTexts();
    expect(materials.map((m) => m.split('下载')[0].trim())).toEqual(['卫生许可申请书', '营业执照复印件']);
    // the applicant downloads the blank form just uploaded, and a sample
    const link = portal.getByRole('link', { name: /^下载卫生许可申请书的空白表格/ });
    const got = await portal.request.get(new URL((await link.getAttribute('href'))!, server.url).toString());
    expect(got.status()).toBe(200);
    expect(Buffer.from(await got.body()).equals(BLANK)).toBe(true);
    await portal.getByRole('link', { name: /^下载卫生许可申请书的示例样表/ }).waitFor();
    await screenshot(portal, 'admin-edits-service-item-portal');

    // A 联合办理 item: the console shows the mode with its 45-WD limit, the guide gives the basis (Art. 42 ¶2).
    const joint = page.locator('.ant-table-row', { hasText: 'FW-012' });
    await expect.poll(() => joint.locator('td').nth(4).innerText()).toBe('45（联合办理）');
    await joint.getByRole('button', { name: /修\s*改/ }).click();
    await modal.getByText('联合办理', { exact: true }).waitFor();
    await modal.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await portal.goto(`${server.url}/p/services`);
    await portal.getByRole('link', { name: /联合办理/ }).click();
    await expect.poll(() => portal.locator('dl.facts').innerText()).toContain('45 个工作日');
    await expect.poll(() => portal.locator('dl.facts').innerText()).toContain('第四十二条第二款');
    await portal.close();

    // 机构职能指定: the 行政审批局 designation drives 行政许可事项划转数 (the seed moved licensing items into the bureau);
    // the leader sees the county-wide figure on the approvals statistics.
    const lead = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await loginAs(lead, server.url, 'leader');
    await lead.goto(`${server.url}/console/approvals/stats`);
    const tile = lead.getByTestId('metric-powers.license_transfers');
    const transfers = async () => { await tile.scrollIntoViewIfNeeded(); return tile.locator('.ant-statistic-content-value').innerText(); };
    await expect.poll(transfers).toBe('6');
    await page.getByRole('menuitem', { name: '机构职能指定' }).click();
    const bureau = () => page.getByTestId('designation-approval_bureau').innerText();
    await expect.poll(bureau).toContain('示范县行政审批局');
    await page.locator('.ant-table-row', { hasText: '行政审批局（相对集中行政许可权）' }).getByRole('button', { name: /指\s*定/ }).click();
    const dlg = page.locator('.ant-modal:visible').last();
    await pickOption(page, dlg.getByLabel('机构', { exact: true }), '示范县司法局', '司法');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(bureau).toContain('示范县司法局');
    await page.reload();
    await expect.poll(bureau).toContain('示范县司法局');
    await lead.reload();
    await expect.poll(transfers).toBe('0');
    await lead.close();
    await screenshot(page, 'admin-designates-approval-bureau');
  });
}, 120_000);
