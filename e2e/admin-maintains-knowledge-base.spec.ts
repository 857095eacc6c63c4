import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

test('an admin adds a 知识库 answer (a too-short answer is refused at its field), revises it into version 2 and sees both versions; the operator finds it while typing a call', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  page.setDefaultTimeout(10_000);
  await steps(page, 'admin-maintains-knowledge-base', async () => {
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/console/hotline/kb`);
    const form = page.locator('.ant-card', { hasText: '新增知识库条目' });
    await form.getByLabel('问题', { exact: true }).fill('电动自行车上牌需要带什么材料？');
    await form.getByLabel('答复口径', { exact: true }).fill('带身份证');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('请填写答复口径（至少 10 个字）').waitFor();

    await form.getByLabel('答复口径', { exact: true }).fill('请携带本人身份证、购车发票和车辆合格证，到县公安局交警大队车管所或城关镇便民服务中心办理，当场发放号牌。');
    await form.getByLabel('关键词（逗号分隔）', { exact: true }).fill('电动自行车,上牌,号牌');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存（第 1 版）').waitFor();

    // Revise it: a new version, the old one kept.
    await page.getByLabel('检索问题、答复或关键词').fill('电动自行车');
    await page.getByLabel('检索问题、答复或关键词').press('Enter');
    await page.getByTestId('kb-table').getByText('电动自行车上牌需要带什么材料？').click();
    const revise = page.locator('.ant-card', { hasText: '修订（当前第 1 版' });
    await revise.getByLabel('答复口径', { exact: true }).fill('请携带本人身份证、购车发票和车辆合格证，到县公安局交警大队车管所或各乡镇便民服务中心办理，当场发放号牌；可先在网上预约。');
    await revise.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('已保存（第 2 版）').waitFor();
    await page.getByTestId('kb-table').getByText('电动自行车上牌需要带什么材料？').click();
    await page.locator('.ant-card', { hasText: '修订（当前第 2 版' }).getByRole('button', { name: '版本历史' }).click();
    await page.getByTestId('kb-version-2').waitFor();
    expect(await page.getByTestId('kb-version-1').innerText()).toContain('城关镇便民服务中心');
    expect(await page.getByTestId('kb-version-2').innerText()).toContain('网上预约');
    await screenshot(page, 'admin-maintains-knowledge-base');
  });

  // The operator typing a call sees the current version suggested, and can use it as the 即时答复.
  const op = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  await steps(op, 'operator-finds-kb-answer', async () => {
    await loginAs(op, server.url, 'dispatcher');
    await op.goto(`${server.url}/console/hotline/intake`);
    await op.locator('#hl-description').fill('电动自行车上牌');
    const kb = op.locator('.ant-card', { hasText: '知识库答复口径' });
    await expect.poll(() => kb.innerText(), { timeout: 10_000 }).toContain('网上预约');
  });
}, 120_000);
