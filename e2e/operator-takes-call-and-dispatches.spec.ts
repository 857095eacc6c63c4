import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loginAs, screenshot, type Server, confirmModal, pickOption, closeDropdowns, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

async function act(page: Page, label: string, fill: string | null) {
  await page.getByTestId('case-actions').getByRole('button', { name: new RegExp([...label].join('\\s*')) }).click();
  // An action without input asks for confirmation only; for whoever may record acts later (the handler may) the
  // confirmation is the act's dialog with its folded 补录 time, so both shapes are answered here.
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  if (fill === null && await page.locator('.ant-modal-confirm').count()) { await confirmModal(page); return; }
  for (const input of await dialog.locator('textarea').all()) await input.fill(fill ?? '');
  for (const sel of await dialog.locator('.ant-select').all()) {
    await sel.click();
    await page.keyboard.press('Enter');
  }
  await dialog.locator('.ant-modal-footer button.ant-btn-primary').last().click();
  await dialog.waitFor({ state: 'detached' });
}

test('an operator takes a call and dispatches it; the handler signs and replies; the citizen tracks and rates it on the portal', async () => {
  // 1. the operator (dispatcher) takes the call, keyboard first: phone, category by pinyin initials, description
  const op = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  await loginAs(op, server.url, 'dispatcher');
  await op.getByText('待办案件（按期限排序）').waitFor();
  await op.goto(`${server.url}/console/hotline/intake`);
  await op.locator('#hl-phone').fill('13966668888');
  await op.locator('#hl-name').fill('赵六');
  await op.locator('#hl-category').click();
  await op.keyboard.type('jgqz');
  await op.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '价格欺诈' }).click();
  await closeDropdowns(op, op.locator('#hl-category'));
  await op.locator('#hl-description').fill('城关镇人民路一家水果店电子秤短斤少两，多收钱。');
  await pickOption(op, op.locator('#hl-township'), /城关镇/);
  // the lead org is suggested by the 派单目录
  await expect.poll(() => op.locator('#hl-lead').locator('xpath=ancestor::div[contains(@class,"ant-select ")][1]').innerText()).toContain('市场监督管理局');
  await op.getByTestId('hl-dispatch').click();
  await op.getByTestId('hl-created').waitFor();
  const number = ((await op.getByTestId('hl-created').innerText()).match(/RX-\d{4}-\d{6}/) ?? [''])[0];
  expect(number).toMatch(/^RX-2026-\d{6}$/);
  await screenshot(op, 'operator-takes-call-and-dispatches');

  // 2. the handler of the 主办 unit signs, replies and reports back
  const h = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  await loginAs(h, server.url, 'handler');
  await h.getByText('待办案件（按期限排序）').waitFor();
  await h.goto(`${server.url}/console/hotline/tickets?view=all`);
  await h.getByTestId('hl-list-all').getByText(number).click();
  await h.waitForURL(/\/console\/cases\//);
  await act(h, '签收', null);
  await act(h, '答复诉求人', '经现场检查，该店电子秤未经检定，已责令停用并退还多收款项。');
  await act(h, '反馈热线', '已答复诉求人，商户已整改。');
  await expect.poll(() => h.getByTestId('timeline').innerText()).toContain('反馈热线');

  // 3. the citizen tracks it and rates the reply on the portal
  const c = await browser.newPage({ viewport: { width: 414, height: 900 } });
  // by the phone given on the call (the caller has no printed receipt)
  await c.goto(`${server.url}/p/track`);
  await c.getByLabel('办件编号').fill(number);
  await c.getByLabel('或：提交时留下的联系电话').fill('13966668888');
  await c.getByRole('button', { name: '查询' }).click();
  await c.getByText('答复诉求人').first().waitFor();
  await c.goto(`${server.url}/p/hotline/rate/${number}`);
  await c.getByLabel('联系电话').fill('13966668888');
  await c.getByLabel('对答复是否满意').selectOption('满意');
  await c.getByLabel('诉求是否已解决').selectOption('yes');
  await c.getByRole('button', { name: '提交评价' }).click();
  await c.getByTestId('hl-rated').waitFor();
  await screenshot(c, 'citizen-rates-hotline-reply');
  await c.goto(`${server.url}/p/track`);
  await c.getByLabel('办件编号').fill(number);
  await c.getByLabel('或：提交时留下的联系电话').fill('13966668888');
  await c.getByRole('button', { name: '查询' }).click();
  await c.getByText('回访').first().waitFor();
});

test('a citizen submits on the portal and sees the number and the due date at once', async () => {
  const c = await browser.newPage({ viewport: { width: 414, height: 900 } });
  await c.goto(`${server.url}/p/hotline`);
  await c.getByLabel('诉求类型').selectOption('求助');
  await c.getByLabel('输入关键词或拼音首字母筛选').fill('ncrj');
  await c.getByLabel('事项分类').selectOption({ label: '乡镇事务 / 农村人居环境' });
  await c.getByLabel('诉求内容').fill('河坝村村口垃圾堆放一周无人清运，气味很大。');
  await c.getByLabel('乡镇（街道）').selectOption({ label: '城关镇' });
  await c.getByLabel('联系电话').fill('13977770000');
  await c.getByRole('button', { name: '提交诉求' }).click();
  await c.getByTestId('hl-number').waitFor();
  expect(await c.getByTestId('hl-number').innerText()).toMatch(/^RX-2026-\d{6}$/);
  expect(await c.getByTestId('hl-due').innerText()).toBe('2026-06-23');
});
