import fs from 'node:fs';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, fileOf, loginAs, screenshot, steps, type Server, confirmModal, pickOption, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const rows = (page: Page) => page.locator('.ant-table-tbody tr.row-click');
const col = (page: Page, n: number) => rows(page).locator(`td:nth-child(${n})`).allInnerTexts();

test('a handler filters the queue, registers a case from the console, attaches and downloads a file, and reveals a party', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'handler-registers-case-with-attachment', async () => {
    await loginAs(page, server.url, 'handler');
    await rows(page).first().waitFor();
    const all = await rows(page).count();

    // Filters: level (red only), overdue, free text; each is a server query.
    await pickOption(page, page.getByRole('combobox').and(page.locator('#level')), '红牌');
    await page.getByRole('button', { name: /^筛\s*选$/ }).click();
    await expect.poll(async () => [...new Set(await col(page, 1))]).toEqual(['红牌']);
    const red = await rows(page).count();
    expect(red).toBeLessThan(all);
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await expect.poll(() => rows(page).count()).toBe(all);

    await page.getByText('仅看已超期').click();
    await page.getByRole('button', { name: /^筛\s*选$/ }).click();
    // The demo clock is 2026-06-15 10:00 (Beijing): every overdue deadline is earlier.
    await expect.poll(async () => (await col(page, 2)).every((d) => d < '2026-06-15 10:00')).toBe(true);
    expect(await rows(page).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await expect.poll(() => rows(page).count()).toBe(all);

    const number = (await col(page, 3))[2];
    await page.getByPlaceholder('编号或标题').fill(number.toLowerCase());
    await page.getByPlaceholder('编号或标题').press('Enter');
    await expect.poll(() => col(page, 3)).toEqual([number]);
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await expect.poll(() => rows(page).count()).toBe(all);

    // The queue exports as XLSX with the same filters.
    const [xl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 XLSX' }).click()]);
    expect(fs.readFileSync(await xl.path()).subarray(0, 2).toString()).toBe('PK');
    await page.getByText(/^已导出/).waitFor();

    // 工作台 新建: a legality review, form generated from the create schema.
    await page.getByRole('button', { name: /新\s*建/ }).click();
    await page.getByRole('button', { name: /规范性文件合法性审核/ }).click();
    const dlg = page.locator('.ant-modal:visible').last();
    await dlg.getByLabel('文件名称', { exact: true }).fill('示范县农贸市场管理办法（送审稿）');
    // the org tree opens over the fields above it; pick again until the select shows the org (a click during the
    // opening animation of the tree can be lost after the queue's own dropdowns were used)
    const drafting = dlg.getByLabel('起草单位', { exact: true });
    await expect.poll(async () => {
      if ((await drafting.locator('xpath=ancestor::div[contains(@class,"ant-select ")][1]').innerText()).includes('市场监督')) return true;
      await pickOption(page, drafting, '示范县市场监督管理局', '市场监督').catch(() => undefined);
      return false;
    }, { timeout: 30_000, interval: 500 }).toBe(true);
    await pickOption(page, dlg.getByLabel('公文种类', { exact: true }), '办法');
    await dlg.getByLabel('主要内容', { exact: true }).fill('规范农贸市场经营秩序，明确摊位管理、食品安全和投诉处理。');
    await dlg.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/console\/cases\//);
    await page.getByText('示范县农贸市场管理办法（送审稿）').first().waitFor();
    expect(await page.getByTestId('timeline').innerText()).toContain('周承办');
    expect(await page.locator('.ant-descriptions').first().innerText()).toContain('示范县市场监督管理局');

    // Attach a file (progress on the button), see it listed, download it back byte for byte.
    const files = page.getByTestId('files');
    await expect(files.innerText()).resolves.toContain('暂无附件');
    const body = '送审稿正文（e2e）\n第一条 为规范农贸市场经营秩序……\n';
    await files.locator('input[type=file]').setInputFiles(fileOf('送审稿.txt', body));
    const link = files.getByRole('link', { name: '送审稿.txt' });
    await link.waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(dl.suggestedFilename()).toBe('送审稿.txt');
    expect(fs.readFileSync(await dl.path(), 'utf8')).toBe(body);
    // A file whose content does not match its extension is refused with the server's reason.
    await files.locator('input[type=file]').setInputFiles(fileOf('伪装.pdf', 'not a pdf'));
    await page.getByText(/只接受 PDF、PNG、JPG、DOCX、XLSX、OFD、TXT 文件/).waitFor();
    expect(await files.locator('.ant-list-item').count()).toBe(1);
    await screenshot(page, 'handler-registers-case-with-attachment');

    // Reveal a confidential reporter on a hotline case: masked first, full after the audited reveal.
    await page.goto(`${server.url}/console`);
    await page.getByPlaceholder('编号或标题').fill(number);
    await page.getByPlaceholder('编号或标题').press('Enter');
    await expect.poll(() => col(page, 3)).toEqual([number]);
    await rows(page).first().click();
    const parties = page.getByTestId('parties');
    await parties.locator('.ant-table-row').first().waitFor();
    const masked = await parties.locator('.ant-table-row').first().innerText();
    expect(masked).toMatch(/\*/);
    await parties.getByRole('button', { name: /查\s*看/ }).first().click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('本次查看将记入审计日志').waitFor();
    await confirmModal(page);
    await expect.poll(async () => parties.locator('.ant-table-row').first().innerText()).not.toBe(masked);
    const shown = await parties.locator('.ant-table-row').first().innerText();
    expect(shown).not.toMatch(/\*{2,}/);
    await screenshot(page, 'handler-reveals-party');

    // The reveal is in the audit log (checked through the API as the admin).
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    const audit = await (await fetch(`${server.url}/api/v1/audit?action=personal.reveal`, { headers: { cookie } })).json() as { items: { actorName: string }[] };
    expect(audit.items.map((i) => i.actorName)).toContain('周承办');
  });
}, 60_000);
