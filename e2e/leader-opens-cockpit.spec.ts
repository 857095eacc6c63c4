import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('a leader opens the cockpit, reads the headlines with 同比, opens a ranking and drills from a unit to a case page', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.setDefaultTimeout(15_000);
  await steps(page, 'leader-opens-cockpit', async () => {
    await loginAs(page, server.url, 'leader');
    await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await page.waitForURL(/\/console\/cockpit/);
    // The headline figures, each with its comparison with the same period of last year.
    const intake = page.getByTestId('headline-hotline.intake');
    await intake.locator('.ant-statistic-content-value').waitFor({ timeout: 30_000 });
    await expect.poll(() => intake.getByTestId('headline-yoy').innerText()).toMatch(/同比|上年同期/);
    expect(await page.locator('[data-testid^="headline-"]').count()).toBeGreaterThanOrEqual(6);

    // The ranking of units: a row opens that unit's records, and a record opens its case page.
    const ranking = page.getByTestId('cockpit-ranking');
    await ranking.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    const unit = (await ranking.locator('.ant-table-tbody tr.ant-table-row').first().locator('td').nth(1).innerText()).trim();
    await ranking.locator('.ant-table-tbody tr.ant-table-row').first().click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByTestId('drill-total').waitFor();
    expect(await drawer.locator('.ant-drawer-title').innerText()).toContain(unit);
    await screenshot(page, 'leader-opens-cockpit-drill', { fullPage: false });
    const link = drawer.getByTestId('case-link').first();
    await link.waitFor();
    const number = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(/\/console\/cases\//);
    await expect.poll(() => page.locator('.ant-card-extra').first().innerText()).toContain(number);

    // The overdue board lists open cases past their deadline, each a link to its case.
    await page.goBack();
    await page.waitForURL(/\/console\/cockpit/);
    await page.getByTestId('cockpit-overdue').waitFor();
    await screenshot(page, 'leader-opens-cockpit', { fullPage: true });
  });
});
