import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileOf, loginAs, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

/** A valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a citizen on a 360 px phone sends a hotline request with a photo; the dispatcher sees the photo', async () => {
  // 1. the citizen, 360 px, large text
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  phone.setDefaultTimeout(10_000);
  let number = '';
  await steps(phone, 'citizen-attaches-photo', async () => {
    await phone.goto(`${server.url}/p/hotline`);
    await phone.getByRole('button', { name: /大字模式/ }).click();
    await phone.locator('#hl-categoryCode option[value="01.02"]').waitFor({ state: 'attached' });
    await phone.locator('#hl-categoryCode').selectOption('01.02');
    await phone.getByLabel('诉求内容').fill('超市标价与结账价格不一致，多收了十元，附小票照片。');
    await phone.getByText('匿名提交（不留姓名）').click();
    const input = phone.getByLabel('照片或材料（可选）');
    await phone.locator('label.hl-file-button', { hasText: '选择照片或文件' }).waitFor(); // the visible button speaks Chinese, not the browser's language
    expect(await phone.locator('#hl-files-hint').innerText()).toContain('最多 5 个文件，每个不超过 10 MB，支持 PDF、PNG、JPG');
    // the browser checks the type before sending
    await input.setInputFiles(fileOf('动图.gif', 'GIF89a', 'image/gif'));
    await phone.getByRole('alert').filter({ hasText: '“动图.gif”不是 PDF、PNG、JPG 文件' }).waitFor();
    await input.setInputFiles(fileOf('小票.png', PNG, 'image/png'));
    await phone.getByRole('button', { name: '移除 小票.png' }).waitFor();
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, 'citizen-attaches-photo-form');
    await phone.getByRole('button', { name: '提交诉求' }).click();
    number = (await phone.getByTestId('hl-number').innerText()).trim();
    expect(number).toMatch(/^RX-2026-\d{6}$/);
    expect(await phone.getByTestId('hl-due').innerText()).toMatch(/^2026-\d{2}-\d{2}$/);
    expect(await phone.getByTestId('hl-attachments').innerText()).toContain('已收到附件 1 个');
    await screenshot(phone, 'citizen-attaches-photo-done');
  });

  // 2. the dispatcher opens the ticket and sees the photo
  const desk = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  desk.setDefaultTimeout(10_000);
  await steps(desk, 'dispatcher-sees-citizen-photo', async () => {
    await loginAs(desk, server.url, 'dispatcher');
    await desk.getByText('待办案件（按期限排序）').waitFor();
    await desk.goto(`${server.url}/console/hotline/tickets?view=all`);
    await desk.getByPlaceholder('编号、内容或事项').fill(number);
    await desk.getByPlaceholder('编号、内容或事项').press('Enter');
    await desk.getByTestId('hl-list-all').getByText(number).click();
    await desk.waitForURL(/\/console\/cases\//);
    await desk.getByTestId('files').getByRole('link', { name: '小票.png' }).waitFor();
  });
});
