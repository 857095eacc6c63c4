import fs from 'node:fs';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loginAs, screenshot, steps, type Server, pickOption, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const tile = (page: Page) => page.getByTestId('metric-cases.filed');
const figure = async (page: Page) => Number((await tile(page).locator('.ant-statistic-content-value').innerText()).replace(/[^\d.]/g, ''));

test('a leader reads the dashboard tiles and charts, changes period and org, and drills into a figure and exports it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'leader-drills-into-dashboard', async () => {
    await loginAs(page, server.url, 'leader');
    await page.getByRole('menuitem', { name: '指标总览' }).click();
    await page.waitForURL(/\/console\/dashboard/);
    await tile(page).locator('.ant-statistic-content-value').waitFor({ timeout: 30_000 });
    // Charts render (ECharts canvas) for grouped metrics.
    await tile(page).locator('canvas').first().waitFor();
    expect(await page.locator('[data-testid^="metric-"]').count()).toBeGreaterThan(3);

    // Period: the whole demo year, then only 2026-06-01..06-15 (fewer or equal cases filed).
    const period = page.getByTestId('dash-period');
    const [from, to] = [period.locator('input').first(), period.locator('input').last()];
    await from.click(); await from.fill('2025-01-01'); await from.press('Enter');
    await to.fill('2026-12-31'); await to.press('Enter');
    await expect.poll(() => figure(page)).toBeGreaterThan(0);
    const year = await figure(page);
    await from.click(); await from.fill('2026-06-01'); await from.press('Enter');
    await to.fill('2026-06-15'); await to.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => figure(page)).toBeLessThan(year);
    const june = await figure(page);

    // Org: 城关镇 only — no more than the county.
    const org = page.getByLabel('统计范围（机构）');
    await pickOption(page, org, '城关镇', '城关镇');
    await expect.poll(async () => (await tile(page).innerText()).length).toBeGreaterThan(0);
    await tile(page).locator('.ant-statistic-content-value').waitFor();
    const township = await figure(page);
    expect(township).toBeLessThanOrEqual(june);
    await org.click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('城关镇', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-clear').first().click({ force: true }).catch(() => undefined);
    await expect.poll(() => figure(page)).toBe(june);

    // Drill down: the list behind the figure has exactly that many records.
    await tile(page).locator('.tile').click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByTestId('drill-total').waitFor();
    expect(await drawer.getByTestId('drill-total').innerText()).toBe(`共 ${june} 条`);
    await expect.poll(() => drawer.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(Math.min(june, 50));
    const [dl] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: '导出 XLSX' }).click()]);
    expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync(await dl.path()).subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'leader-drills-into-dashboard', { fullPage: false });
    await drawer.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    await screenshot(page, 'leader-dashboard', { fullPage: false });

    // The leader's 工作台: all visible cases including closed ones, paged by cursor in deadline order.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByText('待办案件（按期限排序）').waitFor();
    await page.getByText('全部案件', { exact: true }).click();
    await page.getByText('含已办结').click();
    await page.getByText('全部案件（按期限排序）').waitFor();
    const rows = page.locator('.ant-table-tbody tr.row-click');
    await expect.poll(() => rows.count()).toBe(50);
    const total = Number((await page.locator('.ant-statistic-content-value').first().innerText()).replace(/\D/g, ''));
    expect(total).toBeGreaterThan(50);
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => rows.count()).toBe(Math.min(total, 100));
    const dues = await rows.locator('td:nth-child(2)').allInnerTexts();
    const dated = dues.filter((d) => d !== '—');
    expect(dated).toEqual([...dated].sort());
    expect(dues.slice(dated.length).every((d) => d === '—')).toBe(true); // no deadline: last
    expect(new Set(await rows.locator('td:nth-child(3)').allInnerTexts()).size).toBe(dues.length); // no duplicates across pages
    await screenshot(page, 'leader-pages-all-cases', { fullPage: false });
  });
}, 60_000);
