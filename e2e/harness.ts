/**
 * e2e harness: the real server (apps/server/test/harness.ts createTestEnv: a fresh copy of the seeded
 * demo county on PGlite) listening on a free port and serving apps/web/dist, plus a Chromium page.
 * With E2E_BASE_URL set, the journeys run against that server instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

export const DEMO_PASSWORD = 'Yifa@2026demo';
const root = path.resolve(import.meta.dirname, '..');
export const SCREENSHOTS = path.join(root, 'e2e/screenshots');

export interface Server {
  url: string;
  close(): Promise<void>;
  /** Move the server's clock forward (in-process server only; undefined with E2E_BASE_URL). */
  advance?: (ms: number) => void;
}

export async function startServer(): Promise<Server> {
  if (process.env.E2E_BASE_URL) return { url: process.env.E2E_BASE_URL.replace(/\/$/, ''), close: async () => undefined };
  if (!fs.existsSync(path.join(root, 'apps/web/dist/console.html'))) throw new Error('apps/web/dist is missing: run `npm run build:web` first');
  const { createTestEnv } = await import('../apps/server/test/harness.ts');
  const env = await createTestEnv();
  const url = await env.app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => env.close(), advance: (ms) => env.clock.advance(ms) };
}

/** The attempt of the current test (1, then 2 when CI retries it): a retry's failure screenshot keeps the first's. */
let attempt = 0;

/**
 * A journey file's hooks: one browser for the file, and a fresh server — its own database, the demo county as seeded —
 * for every test and every attempt of it. A journey retried on CI then starts again from the demo county instead of
 * finding what its failed attempt created (orgs with fixed codes, users with fixed names: the retry could only fail).
 */
export function journey(set: { server: (s: Server) => void; browser: (b: Browser) => void }): void {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => { browser = await launch(); set.browser(browser); });
  afterAll(async () => { await browser?.close(); });
  beforeEach(async ({ task }) => {
    attempt = (task.result?.retryCount ?? 0) + 1;
    server = await startServer();
    set.server(server);
  });
  afterEach(async () => { await server?.close(); server = undefined; });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

export async function loginAs(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  // Return once the server has answered (success sets the session cookie; a refusal shows its message),
  // so that a navigation right after it does not land on the login page again.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: /登\s*录/ }).click(),
  ]);
}

/** Log in through the API (fetch) and return a case visible to that user: its number and the code on its receipt. */
export async function someCase(url: string, username = 'handler'): Promise<{ number: string; code: string }> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const list = await (await fetch(`${url}/api/v1/cases?limit=5&type=hotline_ticket`, { headers: { cookie } })).json() as { items: { id: string; number: string }[] };
  if (!list.items.length) throw new Error('the demo county has no case visible to ' + username);
  const view = await (await fetch(`${url}/api/v1/cases/${list.items[0].id}`, { headers: { cookie } })).json() as { number: string; trackingCode: string };
  return { number: view.number, code: view.trackingCode };
}

/** A file for an <input type=file> (Playwright's setInputFiles payload). */
export function fileOf(name: string, content: string | Buffer, mimeType = 'text/plain'): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') };
}

/** Run a journey's steps; on failure save `<name>-failed.png` (the page as it was) and rethrow. */
export async function steps(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try { await run(); } catch (e) {
    await screenshot(page, attempt > 1 ? `${name}-failed-attempt${attempt}` : `${name}-failed`).catch(() => undefined);
    throw e;
  }
}

/**
 * Open an antd Select / TreeSelect by its trigger, type `search` if given (searchable selects narrow
 * their virtual list), click the option (exact title, or an option whose text matches a RegExp), and
 * wait until the dropdown is gone: a closing dropdown still covers the fields below it for its
 * animation, longer on a busy machine, and swallows the next click.
 */
export async function pickOption(page: Page, trigger: Locator, option: string | RegExp, search?: string): Promise<void> {
  // A click on a (tree) select's option while its filtered list re-renders can be lost on a busy machine: a single
  // select is checked to show the option afterwards, and picked again (at most twice more) when it does not.
  const box = trigger.locator('xpath=ancestor-or-self::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 0; ; attempt++) {
    await trigger.click();
    if (search !== undefined) await trigger.fill(search);
    const dropdown = page.locator('.ant-select-dropdown:visible').last();
    const item = typeof option === 'string'
      ? dropdown.getByTitle(option, { exact: true }).first()
      : dropdown.locator('.ant-select-item-option, .ant-select-tree-treenode', { hasText: option }).first();
    await item.click();
    await closeDropdowns(page, trigger);
    if (attempt >= 2) return;
    const multiple = await box.evaluate((el) => el.classList.contains('ant-select-multiple')).catch(() => true);
    if (multiple) return;
    const shown = await box.innerText().catch(() => '');
    if (typeof option === 'string' ? shown.includes(option) : option.test(shown)) return;
  }
}

/** Wait for open select dropdowns to close; if one stays (a multiple select keeps it open), move the focus away. */
export async function closeDropdowns(page: Page, trigger?: Locator): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  if (await open.first().waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)) return;
  if (trigger) await trigger.press('Tab').catch(() => undefined);
  await expect.poll(() => open.count(), { timeout: 10_000, interval: 200 }).toBe(0);
}

/** The OK button of an antd confirm dialog (modal.confirm). */
const confirmOk = (page: Page) => page.locator('.ant-modal-confirm .ant-modal-confirm-btns button').last();

/**
 * Click OK on the confirm dialog that is showing (or about to show) until it is gone. A click
 * during the opening animation can be lost on a busy machine, so this retries; antd ignores
 * clicks on a button that is already loading, so onOk never runs twice.
 */
export async function confirmModal(page: Page, timeout = 20_000): Promise<void> {
  const modal = page.locator('.ant-modal-confirm');
  await modal.first().waitFor({ state: 'visible', timeout });
  await expect.poll(async () => {
    if ((await modal.count()) === 0) return 0;
    await confirmOk(page).click({ timeout: 1000 }).catch(() => undefined);
    return modal.count();
  }, { timeout, interval: 300 }).toBe(0);
}

/**
 * Wait until `done()` holds, confirming a confirm dialog if one shows up meanwhile (some actions
 * ask for confirmation, some do not).
 */
export async function untilDone(page: Page, done: () => Promise<boolean>, timeout = 20_000): Promise<void> {
  await expect.poll(async () => {
    if (await done()) return true;
    if (await confirmOk(page).isVisible().catch(() => false)) await confirmOk(page).click({ timeout: 1000 }).catch(() => undefined);
    return done();
  }, { timeout, interval: 300 }).toBe(true);
}

/** A staff session through the API (cookie + CSRF), for the steps between the screens a journey is about. */
export async function apiAs(url: string, username: string) {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${p}`, { method, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined });
    const json = await res.json() as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { act: (id: string, action: string, input: Record<string, unknown> = {}) => call('POST', `/cases/${id}/actions`, { action, input }), get: (p: string) => call('GET', p),
    post: (p: string, body: unknown) => call('POST', p, body) };
}

/** Take an action on the case page: its button (antd spaces a two-character label, "印 发"), fill the dialog, wait for the new state. */
export async function doAction(page: Page, label: string, fill: (dialog: Locator) => Promise<void>, state: string): Promise<void> {
  await page.getByTestId('case-actions').getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) }).click();
  const dialog = page.locator('.ant-modal:visible').last();
  await dialog.waitFor();
  await fill(dialog);
  await dialog.locator('.ant-modal-footer button.ant-btn-primary').last().click();
  await untilDone(page, async () => (await page.getByTestId('case-state').innerText()) === state);
  await expect.poll(() => page.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
}
