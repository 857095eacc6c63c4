import { expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { fileOf, loginAs, pickOption, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

async function catalogue(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('法律法规目录');
  ws.addRow(['名称', '制定机关', '效力级别', '文号', '公布日期', '施行日期', '修改日期', '废止日期', '备注']);
  ws.addRow(['示范省道路运输条例', '示范省人民代表大会常务委员会', '地方性法规', '', '2012-09-28', '2013-01-01', '2020-07-31', '', '']);
  ws.addRow(['某某规定', '某局', '红头文件', '', '2020-02-30', '2020-01-01', '', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('an admin imports the law catalogue, sees the rejected row, marks a cited law repealed and finds the document flagged for 清理', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'admin-imports-laws-and-repeals', async () => {
    await loginAs(page, server.url, 'admin');
    await page.getByRole('menuitem', { name: '法律法规目录' }).click();
    await page.waitForURL(/\/console\/laws$/);
    await page.locator('.ant-table-row', { hasText: '优化营商环境条例' }).waitFor();

    // Import: one good row, one rejected row named by its row and columns.
    await page.locator('input[type=file]').setInputFiles(fileOf('目录.xlsx', await catalogue(),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    await page.getByText('导入 1 条（新增 1，更新 0），拒绝 1 条（共 2 行）').waitFor();
    const rejected = await page.getByText(/^第 3 行：/).innerText();
    expect(rejected).toContain('效力级别');
    expect(rejected).toContain('公布日期');
    await page.locator('.ant-table-row', { hasText: '示范省道路运输条例' }).waitFor();
    await screenshot(page, 'admin-imports-laws', { fullPage: false });

    // Search by a two-character word, open the law a 2019 document cites, and mark it repealed.
    await page.getByLabel('名称、制定机关或文号（两字词亦可）').fill('公开');
    await page.getByLabel('名称、制定机关或文号（两字词亦可）').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: '中华人民共和国政府信息公开条例' });
    await row.click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByText('《示范县行政执法公示办法》（2019年施行）清理审查').waitFor();
    await drawer.getByRole('button', { name: '登记废止' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByLabel('废止日期').fill('2026-06-01');
    await modal.getByLabel('废止日期').press('Enter');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存，1 件引用它的文件被标记为依据变化待清理').waitFor();
    await drawer.getByText('法律依据已废止').waitFor();
    await screenshot(page, 'admin-repeals-law', { fullPage: false });

    // The 清理 list shows the document with the changed basis.
    await page.goto(`${server.url}/console/laws/flags`);
    const flag = page.locator('.ant-table-row', { hasText: '中华人民共和国政府信息公开条例' });
    await flag.waitFor();
    expect(await flag.innerText()).toContain('法律依据已废止');
    expect(await flag.innerText()).toContain('示范县行政执法公示办法');
  });
});

test('the 司法局 reviewer assigns a 法律顾问 on a review, records the no-conflict declaration and the signed opinion', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'reviewer-assigns-advisor', async () => {
    await loginAs(page, server.url, 'reviewer');
    await page.getByRole('menuitem', { name: '合法性审查队列' }).click();
    const row = page.locator('.ant-table-row', { hasText: '城关镇农村人居环境整治奖补办法' });
    await row.getByRole('button', { name: /审\s*查/ }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByRole('heading', { name: '法律顾问、公职律师或专家' }).waitFor();
    await pickOption(page, drawer.getByLabel('选择法律顾问、公职律师或专家'), /^李明（政府法律顾问/, '李明');
    await drawer.getByRole('button', { name: /指\s*派/ }).click();
    await drawer.getByText('李明（示范县明理律师事务所）').waitFor();
    await drawer.getByRole('button', { name: '登记声明' }).click();
    await drawer.getByText('无利益冲突', { exact: true }).last().waitFor();
    await drawer.getByLabel('签署的意见').fill('该办法的奖补条件明确，程序合法，建议通过审核。');
    await drawer.getByRole('button', { name: '登记签署的意见' }).click();
    await drawer.getByText('该办法的奖补条件明确，程序合法，建议通过审核。').waitFor();
    await screenshot(page, 'reviewer-assigns-advisor', { fullPage: false });
  });
});
