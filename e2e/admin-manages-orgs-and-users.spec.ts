import fs from 'node:fs';
import { expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { fileOf, loginAs, screenshot, steps, type Server, pickOption, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

/** Open an antd Select / TreeSelect by its label and pick the option with this text. */
async function pick(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  const searchable = (await box.getAttribute('readonly')) === null; // searchable: narrow the (virtual) list
  await pickOption(page, box, option, searchable ? option : undefined);
}

async function date(scope: Locator, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

const modal = (page: Page) => page.locator('.ant-modal:visible').last();
const ok = (page: Page) => modal(page).locator('.ant-modal-footer .ant-btn-primary');

test('an admin creates, renames, moves and imports orgs, then creates a user, grants and revokes a role, imports users and exports them', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'admin-manages-orgs-and-users', async () => {
  await loginAs(page, server.url, 'admin');
  await page.getByText('待办案件（按期限排序）').waitFor();
  await page.getByRole('menuitem', { name: '机构', exact: true }).click();
  await page.waitForURL(/\/console\/admin\/orgs/);
  const tree = page.locator('.ant-tree');
  await tree.getByText('示范县人民政府', { exact: true }).click();

  // Create a department under the county government (selected → pre-filled parent and region).
  await page.getByRole('button', { name: '新建机构' }).click();
  const dlg = modal(page);
  // A server field error lands on its field: a malformed credit code.
  await dlg.getByLabel('名称', { exact: true }).fill('示范县数据资源局');
  await dlg.getByLabel('机构编码', { exact: true }).fill('990101-sjj');
  await pick(page, dlg, '类别', '部门');
  await dlg.getByLabel('统一社会信用代码', { exact: true }).fill('BAD');
  await date(dlg, '成立日期', '2026-03-01');
  await ok(page).click();
  await expect.poll(() => dlg.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('统一社会信用代码应为 18 位');
  await dlg.getByLabel('统一社会信用代码', { exact: true }).fill('');
  await ok(page).click();
  await tree.getByText('示范县数据资源局', { exact: true }).waitFor();

  // Rename with an effective date: the tree and the history show the new name.
  await tree.getByText('示范县数据资源局', { exact: true }).click();
  await page.getByRole('button', { name: '更 名' }).or(page.getByRole('button', { name: '更名' })).click();
  await modal(page).getByLabel('新名称', { exact: true }).fill('示范县大数据中心');
  await date(modal(page), '生效日期', '2026-06-01');
  await modal(page).getByLabel('原因（文件依据）', { exact: true }).fill('示编〔2026〕12号');
  await ok(page).click();
  await tree.getByText('示范县大数据中心', { exact: true }).waitFor();
  const detail = page.locator('.ant-card').filter({ has: page.locator('.ant-timeline') });
  await expect.poll(() => detail.locator('.ant-timeline').innerText()).toContain('示编〔2026〕12号');

  // Move it under 城关镇 — it appears inside that branch of the tree.
  await tree.getByText('示范县大数据中心', { exact: true }).click();
  await page.getByRole('button', { name: '调整隶属' }).click();
  await pick(page, modal(page), '新的上级机构', '城关镇');
  await date(modal(page), '生效日期', '2026-06-10');
  await modal(page).getByLabel('原因（文件依据）', { exact: true }).fill('示编〔2026〕13号');
  await ok(page).click();
  const moved = tree.locator('.ant-tree-treenode').filter({ hasText: '示范县大数据中心' });
  await expect.poll(async () => (await page.locator('.ant-modal:visible').count())).toBe(0);
  await expect.poll(() => detail.locator('.ant-timeline').innerText()).toContain('城关镇');
  expect(await moved.count()).toBe(1);

  // Import: two good rows (the second's parent is the first) and one bad row, with the report.
  await page.getByRole('button', { name: '导 入' }).or(page.getByRole('button', { name: '导入' })).click();
  const drawer = page.locator('.ant-drawer:visible');
  await drawer.getByText('首行为列名').waitFor();
  const csv = '\uFEFF编码,名称,类型,上级编码,行政区划代码,统一社会信用代码,成立日期\n'
    + '990101-ylj,示范县医疗保障局,部门,990101-gov,990101,,2026-01-05\n'
    + '990101-ylj-1,医保服务中心,其他机构,990101-ylj,990101,,2026-01-05\n'
    + '990101-bad,X,部门,990101-nope,99,,2026-13-01\n';
  await drawer.locator('input[type=file]').setInputFiles(fileOf('orgs.csv', csv, 'text/csv'));
  await drawer.getByText('共 3 行，导入 2 行，退回 1 行').waitFor();
  await expect(drawer.locator('.ant-progress').getAttribute('aria-valuenow')).resolves.toBe('100');
  const report = await drawer.locator('.ant-table-tbody').innerText();
  expect(report).toContain('找不到编码为 990101-nope 的机构');
  expect(report).toContain('行政区划代码');
  await screenshot(page, 'admin-imports-orgs');
  await drawer.locator('.ant-drawer-close').click();
  await tree.getByText('医保服务中心', { exact: true }).waitFor();

  // Users: create one with an initial role on 示范县医疗保障局.
  await page.getByRole('menuitem', { name: '用户' }).click();
  await page.waitForURL(/\/console\/admin\/users/);
  await page.getByRole('cell', { name: 'handler', exact: true }).waitFor();
  await page.getByRole('button', { name: '新建用户' }).click();
  const u = modal(page);
  await u.getByLabel('用户名', { exact: true }).fill('yibao01');
  await u.getByLabel('姓名', { exact: true }).fill('钱医保');
  await pick(page, u, '所属机构', '示范县医疗保障局');
  await u.getByLabel('初始密码', { exact: true }).fill('short');
  await pick(page, u, '初始角色（授予所属机构，选填）', '承办人');
  await ok(page).click();
  // The server's password rule lands on the password field.
  await expect.poll(() => u.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('密码至少 10 位');
  await u.getByLabel('初始密码', { exact: true }).fill('Yibao#2026start');
  await ok(page).click();
  await page.getByText('已创建用户 yibao01').waitFor();
  const row = page.locator('.ant-table-row').filter({ has: page.getByRole('cell', { name: 'yibao01', exact: true }) });
  await expect.poll(() => row.innerText()).toContain('承办人 @ 示范县医疗保障局');

  // Grant a second role on 城关镇 including its villages, then revoke it.
  await row.getByRole('button', { name: '授 权' }).or(row.getByRole('button', { name: '授权' })).click();
  await pick(page, modal(page), '角色', '审核人员');
  await pick(page, modal(page), '机构', '城关镇');
  await modal(page).getByText('同时适用于下级机构').click();
  await ok(page).click();
  const grant = row.locator('.ant-tag').filter({ hasText: '审核人员 @ 城关镇（含下级）' });
  await grant.waitFor();
  await grant.click();
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await page.getByText('已撤销授权').waitFor();
  await expect.poll(() => grant.count()).toBe(0);
  expect(await row.innerText()).toContain('承办人 @ 示范县医疗保障局');

  // Import users: one good, one with an unknown org and role.
  await page.getByRole('button', { name: '导 入' }).or(page.getByRole('button', { name: '导入' })).click();
  const ud = page.locator('.ant-drawer:visible');
  await ud.locator('input[type=file]').setInputFiles(fileOf('users.csv',
    '用户名,姓名,机构编码,角色,含下级,手机,初始密码\nyibao02,孙医保,990101-ylj,承办人,否,13800000000,Yibao#2026second\nghost,无名,990101-none,皇帝,否,,Ghost#2026pass\n', 'text/csv'));
  await ud.getByText('共 2 行，导入 1 行，退回 1 行').waitFor();
  expect(await ud.locator('.ant-table-tbody').innerText()).toMatch(/找不到该机构[\s\S]*未知角色：皇帝/);
  await ud.locator('.ant-drawer-close').click();
  await page.getByRole('cell', { name: 'yibao02', exact: true }).waitFor();

  // Export the filtered list as XLSX.
  await page.getByPlaceholder('搜索用户').fill('yibao');
  await page.getByPlaceholder('搜索用户').press('Enter');
  await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 XLSX' }).click()]);
  expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
  const buf = fs.readFileSync(await dl.path());
  expect(buf.subarray(0, 2).toString()).toBe('PK');
  await screenshot(page, 'admin-manages-users');
  });
}, 60_000);
