import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, pickOption, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

async function session(username: string) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const body = (await r.json()) as { csrfToken: string; grants: { orgId: string; orgName?: string }[] };
  const post = async (path: string, payload: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(payload) });
    const json = await res.json() as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { post, grants: body.grants };
}

test('a handler: own queue, a notice of a ticket dispatched to their unit, its case page, batch 签收, keyboard, the unit\'s own figures', async () => {
  const dispatcher = await session('dispatcher');
  const handler = await session('handler');
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await steps(page, 'handler-own-queue-and-bell', async () => {
    await loginAs(page, server.url, 'handler');
    await page.getByTestId('bell').waitFor();
    // the dispatcher dispatches a new ticket to the handler's unit, through the API
    const c = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: {
      ticketType: '投诉', categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，要求退还差价（e2e）。', parties: { phone: '13955551234' } } });
    await dispatcher.post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', input: { leadOrgId: handler.grants[0].orgId } });

    // 12345热线 opens on the unit's own 待签收, not the dispatcher's board
    await page.goto(`${server.url}/console/hotline/tickets`);
    const list = page.getByTestId('hl-list-to_sign');
    await list.getByText(String(c.number)).waitFor();
    expect(await page.getByRole('tab', { name: /调度台/ }).count()).toBe(0);
    expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('本单位待签收');

    // the bell counts the notice (asked again on navigation); the inbox opens the case page
    const bell = page.getByTestId('bell');
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).not.toBe('通知（0 条未读）');
    await bell.click();
    const notice = page.locator('.inbox').getByText(`新派工单待签收 ${c.number}`);
    await notice.waitFor();
    await screenshot(page, 'handler-own-queue-and-bell', { fullPage: false });
    await notice.click();
    await page.waitForURL(new RegExp(`/console/cases/${c.id}`));
    await page.getByTestId('timeline').waitFor();
    const after = (await fetch(`${server.url}/api/v1/notifications?unread=true`, { headers: { cookie: (await page.context().cookies())
      .map((k) => `${k.name}=${k.value}`).join('; ') } }).then((r) => r.json())) as { caseId: string }[];
    expect(after.some((n) => n.caseId === c.id)).toBe(false);

    // batch 签收 from the queue: the result is summarised, and the ticket moves to 本单位办理中
    await page.goto(`${server.url}/console/hotline/tickets?view=to_sign`);
    await page.getByTestId('hl-list-to_sign').locator('tr', { hasText: String(c.number) }).locator('input[type=checkbox]').check();
    await page.getByTestId('batch-sign').click();
    await page.getByText('成功 1 件，未成功 0 件').waitFor();
    await page.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    await page.goto(`${server.url}/console/hotline/tickets?view=handling`);
    await page.getByTestId('hl-list-handling').getByText(String(c.number)).waitFor();
    // keyboard: ? shows the shortcuts, j selects the first row, Enter opens it
    await page.keyboard.press('?');
    await page.getByText('打开所选案件').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.locator('tr.row-active').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/cases\//);

    // the workbench shows the unit's own figures of the year; a figure opens its records, all of the handler's unit
    await page.goto(`${server.url}/console`);
    const own = page.getByTestId('own-figures');
    const filed = own.getByTestId('headline-cases.filed');
    await expect.poll(() => filed.locator('.ant-statistic-content-value').innerText(), { timeout: 15_000 }).toMatch(/^\d+$/);
    const n = Number(await filed.locator('.ant-statistic-content-value').innerText());
    expect(n).toBeGreaterThan(0);
    expect(await own.getByTestId('headline-cases.overdue_open').count()).toBe(1);
    await filed.click();
    await expect.poll(() => page.getByTestId('drill-total').innerText()).toContain(String(n));
    await screenshot(page, 'handler-own-figures', { fullPage: false });
  });
});

test('a dispatcher dispatches two tickets to one unit in a batch; the result is summarised', async () => {
  const dispatcher = await session('dispatcher');
  const handler = await session('handler');
  const input = (d: string) => ({
    type: 'hotline_ticket', input: { ticketType: '投诉', categoryCode: '01.02', description: d, parties: { phone: '13955554321' } },
  });
  const a = await dispatcher.post('/api/v1/cases', input('城关镇某商店价签与实收不符，要求核查（批量派单一）。'));
  const b = await dispatcher.post('/api/v1/cases', input('城关镇某药店价签与实收不符，要求核查（批量派单二）。'));
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await steps(page, 'dispatcher-batch-dispatch', async () => {
    await loginAs(page, server.url, 'dispatcher');
    await page.getByTestId('bell').waitFor();
    await page.goto(`${server.url}/console/hotline/tickets`);
    const list = page.getByTestId('hl-list-board');
    for (const c of [a, b]) await list.locator('tr', { hasText: String(c.number) }).locator('input[type=checkbox]').check();
    await page.getByTestId('batch-dispatch').click();
    const dialog = page.getByRole('dialog').last();
    const name = handler.grants[0].orgName ?? '';
    await pickOption(page, dialog.getByLabel('主办单位'), name, name.slice(0, 4));
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await page.getByText('成功 2 件，未成功 0 件').waitFor();
  });
  const h = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'handler', password: DEMO_PASSWORD }) });
  const cookie = (h.headers.get('set-cookie') ?? '').split(';')[0];
  const queue = await (await fetch(`${server.url}/api/v1/hotline/tickets?view=to_sign&limit=500`, { headers: { cookie } }))
    .json() as { items: { id: string }[] };
  expect(queue.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
});
