import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a citizen on a 360 px phone opens every portal entry from the home page, in normal and large text, and nothing overflows', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  page.setDefaultTimeout(10_000);
  await steps(page, 'citizen-browses-portal-on-phone', async () => {
    await page.goto(server.url);
    const info = await (await fetch(`${server.url}/api/v1/public/info`)).json() as { countyName: string; entries: { label: string; href: string }[] };
    await page.getByRole('heading', { level: 1 }).filter({ hasText: info.countyName }).first().waitFor();
    expect(info.entries.length).toBeGreaterThan(0);
    // Every entry the modules registered is a link on the home page.
    for (const e of info.entries) await page.locator(`a[href="${e.href}"]`).first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'citizen-portal-home-360');

    for (const large of [false, true]) {
      if (large) {
        await page.goto(server.url);
        await page.getByRole('button', { name: /大字模式/ }).click();
        await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, 'citizen-portal-home-360-large');
      }
      for (const e of info.entries) {
        await page.goto(`${server.url}${e.href}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const over = await overflow(page);
        if (over > 0) await screenshot(page, `citizen-portal-overflow-${e.href.replace(/\W+/g, '_')}${large ? '-large' : ''}`);
        expect(over, `${e.href}${large ? ' (large text)' : ''} overflows by ${over}px`).toBeLessThanOrEqual(0);
      }
    }
  });
}, 60_000);
