import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs as apiAsAt, doAction, loginAs, pickOption, screenshot, steps, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const TITLE = '示范县农贸市场摊位规范管理办法';
const DAY = 24 * 3600_000;
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const apiAs = (username: string) => apiAsAt(server.url, username);
/** The server's legal date (the demo server runs on its own clock). */
async function serverToday(): Promise<string> {
  return (await (await apiAs('handler')).get('/calendar/periods')).today as string;
}

test('a drafting org submits a draft citing a catalogue law, a citizen comments on the portal, the 司法局 returns it once then concludes with the checklist, it is registered, published, found in the library, and flagged when the law is repealed', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const citizen = await browser.newPage({ viewport: { width: 420, height: 900 } });
  await steps(page, 'normative-document', async () => {
    const today = await serverToday();
    // 1. The drafting org (市场监督管理局) drafts on its board and opens the draft for comment.
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/normative`);
    await page.getByRole('button', { name: '起草规范性文件' }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByLabel('文件名称').fill(TITLE);
    await pickOption(page, drawer.getByLabel('制定机关（制定主体清单）'), '示范县市场监督管理局');
    await pickOption(page, drawer.getByLabel('公文种类'), '办法');
    await pickOption(page, drawer.getByLabel('管理事项类别'), '市场监管');
    await drawer.getByLabel('草案正文').fill('第一条 为规范农贸市场摊位管理，根据有关法律法规，结合本县实际，制定本办法。第二条 摊位费标准应当公示。');
    await drawer.getByLabel('起草说明').fill('本办法针对农贸市场摊位分配不公开的问题起草。');
    // the 依据 is picked from the 法律法规目录 (two characters find it): linked, so a later 废止 flags this document
    const basis = drawer.getByLabel('制定依据（法律、法规、规章名称）');
    await basis.fill('许可');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '中华人民共和国行政许可法' }).first().click();
    await expect.poll(() => basis.inputValue()).toBe('中华人民共和国行政许可法');
    await drawer.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(/\/console\/cases\//);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('case-state').waitFor();
    await doAction(page, '公开征求意见', async (d) => {
      await d.getByLabel('征求意见开始日期').fill(today); await d.getByLabel('征求意见开始日期').press('Enter');
      await d.getByLabel('征求意见截止日期').fill(plus(today, 10)); await d.getByLabel('征求意见截止日期').press('Enter');
    }, '征求意见中');

    // 2. A citizen reads the draft on the portal and comments (name and phone optional; shown masked).
    await citizen.goto(`${server.url}/p/normative/consultations`);
    await citizen.getByRole('link', { name: TITLE }).first().click();
    await citizen.getByLabel('意见').fill('建议摊位费标准在市场入口公示，联系我13912345678。');
    await citizen.getByLabel('姓名（可不填）').fill('李四');
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByTestId('norm-sent').waitFor();
    // the list is read again after sending: wait for the comment to show (masked)
    await expect.poll(() => citizen.locator('article').innerText(), { timeout: 10_000 }).toContain('李*');
    expect(await citizen.locator('article').innerText()).not.toContain('13912345678');
    await screenshot(citizen, 'citizen-comments-on-normative-draft');

    // 3. After the period the drafting org answers the comment on its board (no 采纳情况 while one is unanswered), then the
    // 采纳情况, 合法性审核 (合法), 集体审议 — through the API; then the 司法局 registers it on screen.
    server.advance!(11 * DAY);
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/normative`);
    await page.locator('.ant-table-row', { hasText: TITLE }).getByRole('button', { name: '公众意见' }).click();
    const comments = page.locator('.ant-drawer:visible');
    await expect.poll(() => comments.innerText()).toContain('未答复 1 条');
    await pickOption(page, comments.getByLabel('答复'), '采纳');
    await comments.getByLabel('理由').fill('已写入第二条：摊位费标准在市场入口公示。');
    await comments.getByRole('button', { name: /^答\s*复$/ }).click();
    await expect.poll(() => comments.innerText()).toContain('未答复 0 条');
    let [handler, reviewer] = [await apiAs('handler'), await apiAs('reviewer')];
    await handler.act(id, 'close_comment', { adoption: '采纳了摊位费公示的意见，写入第二条。' });
    await handler.act(id, 'submit_review');
    const reviewId = ((await handler.get(`/cases/${id}`)).data as { reviewCaseId: string }).reviewCaseId;
    await reviewer.act(reviewId, 'accept');
    // the 司法局 reviews on its screen: returns the draft once for supplement, then concludes with the checklist answered
    const justice = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await loginAs(justice, server.url, 'reviewer');
    const openReview = async () => {
      await justice.goto(`${server.url}/console/legality-review`);
      await justice.locator('.ant-table-row', { hasText: TITLE }).getByRole('button', { name: /审\s*查/ }).click();
      return justice.locator('.ant-drawer:visible');
    };
    let drawer2 = await openReview();
    await drawer2.getByLabel('需补充的材料').fill('请补充摊位费收费依据和价格主管部门意见。');
    await drawer2.getByRole('button', { name: '要求补充材料' }).click();
    await justice.getByText('已提交').first().waitFor();
    await reviewer.act(reviewId, 'materials_received', { note: '已收到收费依据。' });
    server.advance!(10 * DAY); // at least 5 working days of review (115号); sessions time out meanwhile
    [handler, reviewer] = [await apiAs('handler'), await apiAs('reviewer')];
    await loginAs(justice, server.url, 'reviewer');
    drawer2 = await openReview();
    const answers = drawer2.locator('label.ant-radio-wrapper').filter({ hasText: /^符合$/ });
    await answers.first().waitFor();
    for (let i = 0; i < await answers.count(); i++) await answers.nth(i).click();
    await pickOption(justice, drawer2.getByLabel('审核结论'), '合法');
    await drawer2.getByLabel('审核意见书文号').fill('示司审〔2026〕88号');
    await drawer2.getByLabel('审核意见', { exact: true }).fill('经审核，制定主体适格，内容合法，补充的收费依据充分。');
    await screenshot(justice, 'justice-reviews-normative-draft', { fullPage: false });
    await drawer2.getByRole('button', { name: '出具审核意见' }).click();
    await justice.getByText('已提交').first().waitFor();
    expect(((await reviewer.get(`/cases/${reviewId}`)) as { state: string }).state).toBe('concluded');
    await handler.act(id, 'deliberate', { body: '部门领导班子会议', meetingOn: plus(today, 21), session: '第9次会议', minutes: '会议审议了草案，同意印发施行。' });
    await justice.goto(`${server.url}/console/cases/${id}`);
    await justice.getByTestId('case-state').waitFor();
    await doAction(justice, '统一登记', async () => undefined, '已统一登记');

    // 4. The drafting org issues and publishes it on screen; the registry and the portal library find it by a two-character word.
    const drafting = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await loginAs(drafting, server.url, 'handler');
    await drafting.goto(`${server.url}/console/cases/${id}`);
    await drafting.getByTestId('case-state').waitFor();
    await doAction(drafting, '印发', async (d) => {
      await d.getByLabel('发文字号').fill('示市监规〔2026〕9号');
      await d.getByLabel('施行日期').fill(plus(today, 21)); await d.getByLabel('施行日期').press('Enter');
    }, '已印发');
    await doAction(drafting, '统一公布', async (d) => { await d.getByLabel('政策解读').fill('本办法要求摊位费标准公示。'); }, '现行有效'); // its 施行日期 is today
    await citizen.goto(`${server.url}/p/normative`);
    await citizen.getByLabel('检索（两字词亦可）').fill('摊位');
    await citizen.getByRole('button', { name: '检索' }).click();
    await citizen.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => citizen.getByTestId('norm-regno').innerText(), { timeout: 10_000 }).toMatch(/^SXGS—2026—\d+$/);
    expect(await citizen.locator('article').innerText()).toContain('采纳了摊位费公示的意见');
    await screenshot(citizen, 'citizen-finds-normative-document');
    // the citizen who commented reads the answer to the comment on the consultation page
    await citizen.goto(`${server.url}/p/normative/consultations/${id}`);
    await expect.poll(() => citizen.getByTestId('norm-comments').innerText()).toContain('采纳：已写入第二条：摊位费标准在市场入口公示。');

    // 5. The law it cites is repealed after the document took effect: the 登记簿 marks it for 清理.
    const admin = await apiAs('admin');
    const law = ((await admin.get(`/laws?q=${encodeURIComponent('行政许可法')}`)) as { items: { id: string }[] }).items[0];
    await admin.post(`/laws/${law.id}/repeal`, { on: plus(today, 60) });
    await drafting.goto(`${server.url}/console/normative/registry`);
    const row = drafting.locator('.ant-table-row', { hasText: TITLE });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('法律依据已废止');
  });
}, 180_000); // the longest journey (five roles, the whole 制定 procedure): 82 s at load 5, twice over 90 s at load 9
