import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('large-text mode raises the font size, survives a reload, and keeps the page within 360 px', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(server.url);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();
  // The skip link is the first thing a keyboard user reaches.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('跳到主要内容');

  const toggle = page.getByRole('button', { name: /大字模式/ });
  await toggle.click();
  expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  expect(await size()).toBeGreaterThan(normal);
  await page.reload();
  expect(await size()).toBeGreaterThan(normal);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'citizen-uses-large-text');
});
