import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loginAs, screenshot, type Server, untilDone, pickOption, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

/** Click a case action, fill its dialog with `fill`, submit, and wait for the new state label. */
async function act(page: Page, label: string, fill: (d: ReturnType<Page['getByRole']>) => Promise<void>, state: string) {
  const name = new RegExp(`^${label.split('').map((c) => c.replace(/[/().]/g, '\\$&')).join('\\s*')}$`);
  await page.getByTestId('case-actions').getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  await fill(dialog);
  await dialog.locator('.ant-modal-footer button.ant-btn-primary, .ant-modal-footer button.ant-btn-dangerous').last().click();
  try { await untilDone(page, async () => (await page.getByTestId('case-state').innerText()) === state); } catch (e) { await screenshot(page, 'debug-approvals'); throw e; }
  await page.getByRole('dialog').waitFor({ state: 'detached' }).catch(() => undefined);
}
async function tags(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, values: string[]) {
  const input = dialog.getByLabel(label);
  for (const v of values) { await input.fill(v); await input.press('Enter'); }
}
async function choose(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string) {
  await pickOption(page, dialog.getByLabel(label), new RegExp(option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

test('a window clerk takes an application through a 补正 round to 准予; the applicant rates it 不满意; the handler rectifies; a supervisor sees it in the 差评 ledger', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(page, server.url, 'dispatcher');
  await page.getByRole('menuitem', { name: '窗口收件' }).click();
  await page.waitForURL(/\/console\/approvals\/intake/);

  // 窗口收件: item, materials checklist (one missing), applicant.
  await page.getByLabel('办理事项').click();
  await page.getByLabel('办理事项').fill('特种设备');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByRole('checkbox', { name: '使用登记表' }).check();
  await page.getByRole('checkbox', { name: '产品合格证' }).check();
  await page.getByText('缺 1 项材料').waitFor();
  await page.getByLabel('申请人', { exact: true }).fill('冯建国');
  await page.getByLabel('联系电话').fill('13811112222');
  await page.getByRole('button', { name: /收\s*件/ }).click();
  await page.waitForURL(/\/console\/cases\//);
  await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已收件');
  const number = (await page.locator('text=/SP-2026-\\d{6}/').first().innerText()).match(/SP-2026-\d{6}/)![0];

  await act(page, '一次性告知补正', async (d) => tags(page, d, '需补正的全部内容', ['监督检验证书']), '待补正');
  await act(page, '收到补正材料', async (d) => { await choose(page, d, '补正方式', '窗口'); await tags(page, d, '补正材料', ['监督检验证书']); }, '已收件');
  await act(page, '受理', async () => undefined, '审查中');
  // 受理与审批分岗: the window does not decide; the 审批 post does.
  await expect.poll(() => page.getByTestId('case-actions').innerText()).not.toContain('准予许可');
  const approver = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(approver, server.url, 'approver');
  await approver.goto(page.url());
  await act(approver, '准予许可', async (d) => { await d.getByLabel('许可证件编号').fill('TS3151990101-2026-0001'); }, '已准予，待送达');
  await page.reload();
  await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已准予，待送达');
  await act(page, '送达 / 制证', async (d) => { await choose(page, d, '送达方式', '邮寄送达'); }, '已办结（准予许可）');
  await screenshot(page, 'clerk-approves-application');

  // The applicant rates it 不满意 on the portal.
  const portal = await browser.newPage({ viewport: { width: 414, height: 900 } });
  await portal.goto(`${server.url}/p/rate`);
  await portal.getByLabel('办件编号').fill(number);
  await portal.getByLabel('办理时登记的手机号').fill('13811112222');
  await portal.getByRole('button', { name: '查找' }).click();
  await portal.getByRole('radio', { name: '不满意', exact: true }).check();
  await portal.getByLabel('意见和建议（选填）').fill('补正材料跑了两趟，告知不够清楚。');
  await portal.getByRole('button', { name: '提交评价' }).click();
  const status = portal.getByRole('status');
  await status.waitFor();
  expect(await status.innerText()).toMatch(/整改编号：CP-2026-\d{6}/);
  await screenshot(portal, 'applicant-rates-unsatisfied');

  // The handler (市场监管局) verifies and rectifies.
  const h = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(h, server.url, 'handler');
  await h.waitForURL(/\/console$/);
  await h.goto(`${server.url}/console/ratings/rectifications`);
  const row = h.locator('.ant-table-tbody tr', { hasText: number });
  await row.waitFor();
  await row.getByRole('link').click();
  await h.waitForURL(/\/console\/cases\//);
  await act(h, '回访核实', async (d) => { await d.getByLabel('已联系上评价人').click(); await choose(h, d, '回访方式', '电话'); await d.getByLabel('核实情况').fill('电话回访，评价人反映补正告知不完整，情况属实。'); }, '整改中');
  await act(h, '整改并反馈评价人', async (d) => { await d.getByLabel('整改措施').fill('修订一次性告知单，对窗口人员开展培训。'); await d.getByLabel('反馈评价人').fill('已修订告知单，向您致歉并感谢监督。'); }, '已整改并反馈');

  // A supervisor sees it in the 差评 ledger.
  const s = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await loginAs(s, server.url, 'supervisor');
  await s.waitForURL(/\/console$/);
  await s.goto(`${server.url}/console/ratings/rectifications`);
  const srow = s.locator('.ant-table-tbody tr', { hasText: number });
  await srow.waitFor();
  expect(await srow.innerText()).toContain('不满意');
  expect(await srow.innerText()).toContain('已整改并反馈');
  await screenshot(s, 'supervisor-sees-bad-rating-ledger');
});
