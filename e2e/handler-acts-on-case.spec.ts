import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, screenshot, steps, type Server, untilDone, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

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

  // a 12345 ticket (the queue also holds documents whose next step needs its own screen, e.g. a 规范性文件 to file)
  await rows.filter({ hasText: '12345热线工单' }).first().click();
  await page.waitForURL(/\/console\/cases\//);
  const timeline = page.getByTestId('timeline').locator('.ant-timeline-item');
  await timeline.first().waitFor();
  const before = await timeline.count();
  const clockBefore = await page.getByTestId('clocks').innerText();

  // The last ordinary (not dangerous) action moves the case on (e.g. a hotline ticket's 答复诉求人 stops its clock).
  const action = page.getByTestId('case-actions').locator('button:not(.ant-btn-dangerous)').last();
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

/**
 * A case the handler can act on whose last act was before the server's today (the demo server runs on its own clock):
 * an hour after that act is a time between it and now.
 */
async function caseToRecordLate(url: string): Promise<{ id: string; last: number; action: string }> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'handler', password: DEMO_PASSWORD }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { today } = await (await fetch(`${url}/api/v1/calendar/periods`, { headers: { cookie } })).json() as { today: string };
  const startOfToday = Date.parse(`${today}T00:00:00+08:00`);
  const list = await (await fetch(`${url}/api/v1/cases?limit=30&type=hotline_ticket`, { headers: { cookie } })).json() as { items: { id: string }[] };
  for (const c of list.items) {
    const v = await (await fetch(`${url}/api/v1/cases/${c.id}`, { headers: { cookie } })).json() as {
      timeline: { occurredAt: string }[]; abilities: { recordLate: boolean; actions: { label: string; hasInput: boolean; confirm?: string }[] };
    };
    const last = Date.parse(v.timeline[v.timeline.length - 1].occurredAt);
    // an action without a form of its own (签收…): the dialog then holds only the 补录 time
    const plain = v.abilities.actions.find((a) => !a.hasInput && !a.confirm);
    if (v.abilities.recordLate && plain && startOfToday - last > 2 * 3600_000) return { id: c.id, last, action: plain.label };
  }
  throw new Error('no case to record an act on later');
}

test('a handler records an act done on paper earlier with its real time; the timeline says it was recorded later', async () => {
  const { id, last, action } = await caseToRecordLate(server.url);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await steps(page, 'handler-records-act-later', async () => {
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/cases/${id}`);
    const timeline = page.getByTestId('timeline').locator('.ant-timeline-item');
    await timeline.first().waitFor();
    const before = await timeline.count();
    await page.getByTestId('case-actions').getByRole('button',
      { name: new RegExp(`^${[...action].join('\\s*')}$`) }).click(); // antd spaces two-character labels
    const dialog = page.getByRole('dialog').last();
    await dialog.waitFor();
    // 补录: an hour after the last act, in Beijing time
    await dialog.getByText('补录：按实际发生时间登记').click();
    const when = new Date(Math.ceil((last + 3600_000) / 60_000) * 60_000);
    const typed = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit' }).format(when);
    const picker = dialog.getByLabel('实际发生时间');
    await picker.click();
    await picker.fill(typed);
    await picker.press('Enter');
    await dialog.locator('.ant-modal-footer button.ant-btn-primary, .ant-modal-footer button.ant-btn-dangerous').last().click();
    await untilDone(page, async () => (await timeline.count()) === before + 1);
    expect(await timeline.last().innerText()).toContain('补录于');
    await screenshot(page, 'handler-records-act-later');
  });
  await context.close();
});
