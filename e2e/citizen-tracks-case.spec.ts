import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot, someCase, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('a citizen tracks a case by its number and the receipt\'s code on a 360×740 phone', async () => {
  const { number, code } = await someCase(server.url);
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(server.url);
  await page.getByRole('link', { name: /查询办理进度/ }).first().click();
  await page.getByLabel('办件编号').fill(number);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('请输入回执上的查询码').first().waitFor();
  await page.getByLabel('查询码').fill('ABCD2345');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('编号与查询码或联系电话不符').waitFor();

  await page.getByLabel('办件编号').fill(number.toLowerCase());
  await page.getByLabel('查询码').fill(code.toLowerCase());
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('办理过程').waitFor();
  expect(page.url()).toContain(`/p/track/${number}`);
  expect(await page.locator('.result').innerText()).toContain(number);
  // Nothing overflows horizontally at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'citizen-tracks-case');
});
