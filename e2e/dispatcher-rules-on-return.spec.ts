import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, screenshot, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

async function session(username: string) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  return async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json() as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

test('a 退单 dispute is ruled on: the dispatcher rejects the return and the unit must handle it', async () => {
  const dispatcher = await session('dispatcher');
  const handler = await session('handler');
  const orgs = await (await fetch(`${server.url}/api/v1/hotline/catalog?q=jgqz`)).json() as { orgId: string }[];
  const c = await dispatcher('/api/v1/cases', { type: 'hotline_ticket', input: { ticketType: '投诉', categoryCode: '01.02', description: '东关镇集市摊贩缺斤少两，要求查处。', parties: { phone: '13955550000' } } });
  await dispatcher(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', input: { leadOrgId: orgs[0].orgId } });
  await handler(`/api/v1/cases/${c.id}/actions`, { action: 'return', input: { reasonCode: '不属于本单位职责', note: '集市管理属乡镇职责，建议改派东关镇。' } });

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await loginAs(page, server.url, 'dispatcher');
  await page.getByText('待办案件（按期限排序）').waitFor();
  await page.goto(`${server.url}/console/hotline/tickets?view=returns`);
  const list = page.getByTestId('hl-list-returns');
  await list.getByText('集市管理属乡镇职责').waitFor();
  await list.getByText(String(c.number)).click();
  await page.waitForURL(/\/console\/cases\//);
  await page.getByTestId('case-actions').getByRole('button', { name: '驳回退单' }).click();
  const dialog = page.getByRole('dialog').last();
  await dialog.getByLabel('驳回理由（职责依据）').fill('计量器具监督属市场监管职责（《计量法》），请签收办理。');
  await dialog.locator('.ant-modal-footer button.ant-btn-primary').last().click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('驳回退单');
  await screenshot(page, 'dispatcher-rules-on-return');
  await page.goto(`${server.url}/console/hotline/tickets?view=returns`);
  await page.getByTestId('hl-list-returns').waitFor();
  await expect.poll(() => page.getByTestId('hl-list-returns').innerText()).not.toContain(String(c.number));
});
