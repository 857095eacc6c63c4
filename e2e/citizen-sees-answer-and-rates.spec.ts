import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, fileOf, loginAs, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

/** A valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const REPLY = '经查超市价签未及时更新，已责令商家整改并退还差价十元。';

/** A staff member through the API (fetch with the session cookie and CSRF token). */
async function staff(username: string) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await r.json() as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json() as unknown;
    if (!res.ok) throw new Error(`${username} ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: (path: string) => call('GET', path),
    act: (id: string, action: string, input: Record<string, unknown> = {}) => call('POST', `/cases/${id}/actions`, { action, input }),
  };
}

test('a citizen files a 12345 ticket with a photo, staff reply, the citizen sees the reply, its date and unit, and rates it; the admin sees the notices', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  phone.setDefaultTimeout(10_000);
  let number = ''; let code = '';
  await steps(phone, 'citizen-files-ticket', async () => {
    await phone.goto(`${server.url}/p/hotline`);
    await phone.locator('#hl-categoryCode option[value="01.02"]').waitFor({ state: 'attached' });
    // the form says what is missing in plain words, before anything is sent
    await phone.getByRole('button', { name: '提交诉求' }).click();
    await phone.getByRole('alert').filter({ hasText: '请填写联系电话' }).waitFor();
    await phone.getByLabel('联系电话').fill('1391234');
    await phone.getByRole('button', { name: '提交诉求' }).click();
    await phone.getByRole('alert').filter({ hasText: '电话号码格式不正确' }).waitFor();
    await phone.locator('#hl-categoryCode').selectOption('01.02');
    await phone.getByLabel('诉求内容').fill('超市标价与结账价格不一致，多收了十元，附小票照片。');
    await phone.getByLabel('联系电话').fill('13912348888');
    await phone.getByLabel('照片或材料（可选）').setInputFiles(fileOf('小票.png', PNG, 'image/png'));
    await phone.getByTestId('hl-thumb').waitFor();
    await screenshot(phone, 'citizen-sees-answer-form');
    await phone.getByRole('button', { name: '提交诉求' }).click();
    number = (await phone.getByTestId('hl-number').innerText()).trim();
    code = (await phone.getByTestId('hl-code').innerText()).trim();
    expect(number).toMatch(/^RX-\d{4}-\d{6}$/);
  });

  // staff handle it through the API: dispatch to 市场监管局, sign, reply, feedback, 回访, 办结
  const dispatcher = await staff('dispatcher'); const handler = await staff('handler');
  const found = await dispatcher.get(`/cases?q=${encodeURIComponent(number)}&limit=1`) as { items: { id: string }[] };
  const id = found.items[0].id;
  const orgs = await dispatcher.get('/orgs') as { id: string; name: string }[];
  const scjgj = orgs.find((o) => o.name.includes('市场监督管理局'))!;
  await dispatcher.act(id, 'dispatch', { leadOrgId: scjgj.id, note: '内部：请核实价签' });
  await handler.act(id, 'sign');
  await handler.act(id, 'reply', { result: '已解决', content: REPLY, contactMethod: '短信' });
  await handler.act(id, 'feedback', { summary: '已退还差价。' });
  await dispatcher.act(id, 'callback', { reached: true, satisfaction: '满意', resolved: true });
  await dispatcher.act(id, 'close');

  await steps(phone, 'citizen-sees-answer-and-rates', async () => {
    await phone.goto(`${server.url}/p/track/${number}?code=${code}`);
    const answer = phone.locator('section.answer');
    await answer.getByText(REPLY).waitFor();
    expect(await answer.innerText()).toContain('已解决');
    expect(await answer.innerText()).toContain(scjgj.name);
    expect(await answer.innerText()).toMatch(/答复时间\s*\d{4}/);
    expect(await phone.locator('body').innerText()).not.toContain('请核实价签');
    await screenshot(phone, 'citizen-sees-answer');
    await phone.getByRole('button', { name: '去评价' }).click();
    await phone.getByRole('button', { name: '提交评价' }).click();
    await phone.getByRole('alert').filter({ hasText: '请选择满意程度' }).waitFor();
    await phone.getByLabel('满意', { exact: true }).check();
    await phone.getByRole('button', { name: '提交评价' }).click();
    await phone.getByRole('status').filter({ hasText: '感谢您的评价' }).waitFor();
    await phone.getByText('您的评价：').waitFor();
    expect(await phone.locator('.track-rating').innerText()).toContain('满意');
    await expect.poll(() => phone.getByRole('button', { name: '去评价' }).count()).toBe(0);
    await screenshot(phone, 'citizen-rated');
  });

  // the county admin sees what was sent to the citizen: masked recipient, event, status (no gateway: "仅记录" once delivered)
  const desk = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  desk.setDefaultTimeout(10_000);
  await steps(desk, 'admin-sees-message-log', async () => {
    await loginAs(desk, server.url, 'admin');
    await desk.goto(`${server.url}/console/admin/messages`);
    const row = desk.locator('tr', { hasText: number }).filter({ hasText: '受理（收到申请、诉求）' });
    await row.waitFor();
    expect(await row.innerText()).toContain('139****8888');
    expect(await desk.locator('body').innerText()).not.toContain('13912348888');
    await screenshot(desk, 'admin-sees-message-log');
  });
});
