import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, loginAs, screenshot, startServer, steps, type Server, untilDone } from './harness.ts';

let server: Server; let browser: Browser;
beforeAll(async () => { server = await startServer(); browser = await launch(); });
afterAll(async () => { await browser?.close(); await server?.close(); });

test('a handler sees a deadline-ordered queue, opens a case, acts, and sees timeline and clock update', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await steps(page, 'handler-acts-on-case', async () => {
  await loginAs(page, server.url, 'handler');
  await page.getByText('待办案件（按期限排序）').waitFor();
  const rows = page.locator('.ant-table-tbody tr.row-click');
  await rows.first().waitFor();
  // Deadline order: the 期限 column is ascending (ISO-like 'YYYY-MM-DD HH:mm' strings compare as text).
  const dues = (await rows.locator('td:nth-child(2)').allInnerTexts()).filter((d) => d !== '—');
  expect(dues).toEqual([...dues].sort());

  await rows.first().click();
  await page.waitForURL(/\/console\/cases\//);
  const timeline = page.getByTestId('timeline').locator('.ant-timeline-item');
  await timeline.first().waitFor();
  const before = await timeline.count();
  const clockBefore = await page.getByTestId('clocks').innerText();

  // The last ordinary (not dangerous) action moves the case on (e.g. a hotline ticket's 答复诉求人 stops its clock).
  const action = page.getByTestId('case-actions').locator('button.ant-btn-primary:not(.ant-btn-dangerous)').last();
  const label = (await action.innerText()).replace(/\s+/g, '');
  await action.click();
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  // Fill every text field the action's schema asks for; pick the first option of every select.
  for (const input of await dialog.locator('textarea, input.ant-input').all()) await input.fill('经核查，情况属实，按程序办理（e2e）。');
  for (const input of await dialog.locator('.ant-input-number input').all()) await input.fill('1');
  for (const sel of await dialog.locator('.ant-select').all()) {
    if (await sel.locator('.ant-select-selection-item').count()) continue; // has a default already
    await sel.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option').first().click();
  }
  await dialog.locator('.ant-modal-footer button.ant-btn-primary, .ant-modal-footer button.ant-btn-dangerous').last().click();
  await untilDone(page, async () => (await timeline.count()) === before + 1);
  expect((await timeline.last().innerText()).replace(/\s+/g, '')).toContain(label);
  await expect.poll(() => page.getByTestId('clocks').innerText(), { timeout: 10_000 }).not.toBe(clockBefore);
  await page.getByRole('dialog').waitFor({ state: 'detached' }).catch(() => undefined);
  await screenshot(page, 'handler-acts-on-case');
  });
});
