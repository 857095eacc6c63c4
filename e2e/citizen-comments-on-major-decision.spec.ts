import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs as apiAsAt, doAction, loginAs, pickOption, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const TITLE = '示范县城区公共充电设施建设方案';
const DAY = 24 * 3600_000;
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const apiAs = (username: string) => apiAsAt(server.url, username);

test('a citizen comments on a decision draft, the 承办单位 answers and publishes the 采纳情况, the meeting records a dissent on screen, '
  + 'the decision is published and its archive verifies offline', async () => {
  const citizen = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await steps(page, 'major-decision', async () => {
    // 1. The 承办单位 opens the decision for an item of the published 目录 and opens the draft for comment (API).
    let handler = await apiAs('handler');
    const today = (await handler.get('/calendar/periods')).today as string;
    const session = await handler.get('/auth/session') as { user: { orgId: string } };
    const catalogs = await handler.get('/decisions/catalogs') as unknown as { id: string; items: { no: number }[] }[];
    const created = await handler.post('/cases', { type: 'major_decision', input: { title: TITLE, catalogId: catalogs[0].id, itemNo: 1, scope: '重大公共建设项目',
      leadOrgId: session.user.orgId, needsExpert: false, needsRisk: false } }) as { id: string };
    const id = created.id;
    await handler.act(id, 'finish_draft', { draft: '一、三年内在城区新建公共充电桩1200个。\n二、老旧小区优先。', explanation: '为满足新能源汽车充电需求起草本方案。',
      bases: ['重大行政决策程序暂行条例'] });
    await handler.act(id, 'open_comment', { startOn: today, endOn: plus(today, 30) });

    // 2. A citizen finds the draft among the open consultations, reads it and comments (name and phone shown masked).
    await citizen.goto(`${server.url}/p/decisions/consultations`);
    await citizen.getByRole('link', { name: TITLE }).first().click();
    await expect.poll(() => citizen.getByTestId('dec-days-left').innerText()).toContain('30');
    await citizen.getByLabel('意见').fill('建议在农贸市场停车场也配建充电桩，联系我13912345678。');
    await citizen.getByLabel('姓名（可不填）').fill('李四');
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByTestId('dec-sent').waitFor();
    await expect.poll(() => citizen.locator('article').innerText()).toContain('李*');
    expect(await citizen.locator('article').innerText()).not.toContain('13912345678');
    await screenshot(citizen, 'citizen-comments-on-major-decision');

    // 3. After the period the 承办单位 answers the comment on its board and publishes the 采纳情况 on the case page.
    server.advance!(31 * DAY);
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/decisions`);
    await page.locator('.ant-table-row', { hasText: TITLE }).getByRole('button', { name: '公众意见' }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await pickOption(page, drawer.getByLabel('答复'), '采纳');
    await drawer.getByLabel('理由').fill('已在方案第二条增加农贸市场停车场。');
    await drawer.getByRole('button', { name: /^答\s*复$/ }).click();
    await expect.poll(() => page.locator('.ant-drawer:visible').innerText()).toContain('李*');
    await page.goto(`${server.url}/console/cases/${id}`);
    await page.getByTestId('case-state').waitFor();
    await doAction(page, '结束征求意见并公布采纳情况', async (d) => {
      await d.getByLabel('意见采纳情况（公开）').fill('共收到意见1条，已采纳，详见逐条答复。');
    }, '履行决策程序');

    // 4. 合法性审查 (API); the meeting is recorded on screen with a dissent — the 行政首长 speaks last (Art. 30) — then the
    // 党委 report (API); the decision is published on screen.
    handler = await apiAs('handler');
    let reviewer = await apiAs('reviewer');
    await handler.act(id, 'submit_review', { procedureNote: '已向社会公开征求意见并公布采纳情况。' });
    const reviewId = ((await handler.get(`/cases/${id}`)).data as { reviewCaseId: string }).reviewCaseId;
    await reviewer.act(reviewId, 'accept');
    // 713号 Art. 28: a 公职律师 gives the legal opinion the review rests on
    const lawyer = ((await reviewer.get('/advisors?kind=公职律师')) as { items: { id: string }[] }).items[0];
    await reviewer.act(reviewId, 'assign_advisor', { advisorId: lawyer.id });
    await reviewer.act(reviewId, 'advisor_declare', { declaration: '无利益冲突' });
    await reviewer.act(reviewId, 'advisor_sign', { opinion: '决策事项在法定权限内，程序合法，建议通过。' });
    server.advance!(12 * DAY);
    [handler, reviewer] = [await apiAs('handler'), await apiAs('reviewer')];
    const items = ((await reviewer.get('/legality-review/checklists')) as Record<string, { items: string[] }>)['重大行政决策'].items;
    await reviewer.act(reviewId, 'conclude', { conclusion: '合法', opinionNo: '示司审〔2026〕99号', opinion: '经审查，决策事项符合法定权限，程序合法。',
      checklist: items.map((item) => ({ item, answer: '符合' })) });
    const on = plus(today, 43);
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/cases/${id}`);
    await page.getByTestId('case-state').waitFor();
    await doAction(page, '集体讨论决定', async (d) => {
      await pickOption(page, d.getByLabel('会议（第三十条）'), '政府常务会议');
      await d.getByLabel('会议届次').fill('第20次常务会议');
      await d.getByLabel('会议日期').fill(on); await d.getByLabel('会议日期').press('Enter');
      const attendees = d.getByLabel('出席人员');
      for (const name of ['县长', '副县长甲', '副县长乙']) { await attendees.fill(name); await attendees.press('Enter'); }
      const views = [['副县长甲', '同意', ''], ['副县长乙', '不同意', '建议先行试点'], ['县长', '同意', '']] as const;
      for (const [i, [name, view, remarks]] of views.entries()) {
        if (i > 0) await d.getByRole('button', { name: /增加一项：与会人员意见/ }).click();
        const row = d.getByTestId(`row-views-${i}`);
        await row.getByLabel('发言人').fill(name);
        await pickOption(page, row.getByLabel('意见', { exact: true }), view);
        if (remarks) await row.getByLabel('发言要点').fill(remarks);
      }
      await d.getByLabel('行政首长', { exact: true }).fill('县长');
      await pickOption(page, d.getByLabel('行政首长的决定（最后发表意见）'), '通过');
    }, '已集体讨论决定');
    expect(await page.locator('main').innerText()).toContain('建议先行试点');
    handler = await apiAs('handler');
    await handler.act(id, 'report_party', { partyBody: '中共示范县委', reportedOn: on, reply: '同意公布实施。' });
    await page.reload();
    await page.getByTestId('case-state').waitFor();
    await doAction(page, '公布决策', async (d) => {
      await d.getByLabel('文号').fill('示政发〔2026〕30号');
      await d.getByLabel(/采纳情况说明/).fill('公众关于农贸市场停车场配建充电桩的意见已采纳。');
    }, '已公布、执行中');

    // 5. The citizen sees the answer to the comment on the consultation page.
    await citizen.goto(`${server.url}/p/decisions/consultations/${id}`);
    await expect.poll(() => citizen.locator('article').innerText()).toContain('采纳：已在方案第二条增加农贸市场停车场。');
    expect(await citizen.getByTestId('dec-adoption').innerText()).toContain('共收到意见1条');
    await screenshot(citizen, 'citizen-reads-decision-adoption');

    // 6. The 承办单位 archives the decision (Art. 33): the ZIP downloads from its board and verifies offline with the CLI.
    await page.goto(`${server.url}/console/decisions`);
    const [zip] = await Promise.all([page.waitForEvent('download'),
      page.locator('.ant-table-row', { hasText: TITLE }).getByRole('button', { name: '归档下载' }).click()]);
    const file = path.join(os.tmpdir(), `yifa-e2e-archive-${process.pid}.zip`);
    await zip.saveAs(file);
    const verified = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'decisions', 'verify-archive', file], { encoding: 'utf8' });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('归档完整');
    fs.rmSync(file, { force: true });
  });
});
