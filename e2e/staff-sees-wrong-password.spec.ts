import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, screenshot, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('a wrong password shows a clear error with the remaining attempts', async () => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await loginAs(page, server.url, 'handler', 'not-the-password');
  const alert = page.getByTestId('login-error');
  await alert.waitFor();
  const text = await alert.innerText();
  expect(text).toContain('用户名或密码错误');
  expect(text).toMatch(/再错 \d+ 次/);
  expect(page.url()).toContain('/console');
  await screenshot(page, 'staff-sees-wrong-password');
});
