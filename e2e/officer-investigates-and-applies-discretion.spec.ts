import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, doAction, loginAs, pickOption, screenshot, steps, untilDone, type Server, journey } from './harness.ts';

let server: Server; let browser: Browser;
journey({ server: (s) => { server = s; }, browser: (b) => { browser = b; } });

const DOC_NO = '示市监罚〔2026〕777号';
/** A minimal MP4 (its `ftyp` box is what the server recognises). */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(256, 7)]);
const facts = (page: Page) => page.getByTestId('facts').innerText();

/** Type certificate numbers into the tags field of the dialog. */
async function certs(page: Page, nos: string[]) {
  const field = page.locator('.ant-modal:visible').getByLabel('执法人员证号');
  for (const no of nos) { await field.fill(no); await field.press('Enter'); }
}

test('an officer records the investigation with two certified officers, the 基准 gives the range, hearing, 法制审核, delivery, 公示, 全过程记录', async () => {
  const officer = await apiAs(server.url, 'handler');
  const power = ((await officer.get('/powers/items?q=CF-001')).items as { id: string }[])[0].id;
  const c = await officer.post('/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
    parties: { name: '示范县百味食品有限公司' }, facts: '销售超过保质期的食品，货值金额一万二千元。' } }) as { id: string; number: string };

  let page = await browser.newPage();
  await steps(page, 'enforcement-investigation', async () => {
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/cases/${c.id}`);
    await page.getByTestId('case-state').filter({ hasText: '已立案' }).waitFor();
    // 调查取证: one officer is refused, so is an expired certificate (Art. 42); two valid ones pass
    await page.getByTestId('case-actions').getByRole('button', { name: '调查取证' }).click();
    const dialog = page.locator('.ant-modal:visible').last();
    await certs(page, ['SCJG-2024-0001']);
    await dialog.getByLabel('调查笔录摘要').fill('现场检查，执法记录仪全程录像，扣押涉案食品。');
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.getByText(/两名以上执法人员/).first().waitFor();
    await certs(page, ['SCJG-2020-0004']);
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.getByText(/SCJG-2020-0004.*不在有效期内/).first().waitFor();
    await dialog.locator('.ant-select-selection-item', { hasText: 'SCJG-2020-0004' }).locator('.ant-select-selection-item-remove').click();
    await certs(page, ['SCJG-2024-0002']);
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await untilDone(page, async () => (await page.getByTestId('case-state').innerText()) === '已调查取证');
    expect(await facts(page)).toContain('调查取证（现场检查）');

    // 告知 with the 情形: the 裁量基准 in force gives the range on the case page
    await doAction(page, '告知', async (d) => {
      await d.getByLabel('拟处罚内容', { exact: true }).fill('没收违法所得，罚款 60000 元');
      await d.getByLabel('罚款金额（元）', { exact: true }).fill('60000');
      await d.getByLabel('理由', { exact: true }).fill('销售超过保质期的食品');
      await d.getByLabel('依据', { exact: true }).fill('《中华人民共和国食品安全法》第一百二十四条');
      await d.getByLabel('告知听证权利（第六十三条）').click();
      await pickOption(page, d.getByLabel('须法制审核的情形（第五十八条）'), '直接关系当事人或者第三人重大权益，经过听证程序');
      await pickOption(page, d.getByLabel('违法情形（裁量基准）'), '一般');
      // a multiple select keeps its list open: pick, then click the dialog's title to close it
      await d.getByLabel('从轻、减轻、从重情节（第三十二条）').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '从轻' }).click();
      await d.locator('.ant-modal-title').click();
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
    }, '已告知');
    expect(await facts(page)).toMatch(/一般（从轻）：罚款 50000–75000 元（基准 50000–100000 元，2026版/);
    await screenshot(page, 'enforcement-discretion-range');

    // the party asks for a hearing
    await doAction(page, '当事人申请听证', async () => undefined, '听证中');
  });
  await page.close();

  // the hearing is noticed 7 working days ahead and held; the case goes to 法制审核
  await officer.act(c.id, 'schedule_hearing', { hearingOn: '2026-07-01', place: '县市场监管局听证室', chair: '黄检查', chairCertNo: 'SCJG-2024-0003' });
  server.advance!(16 * 24 * 3600_000);
  const later = await apiAs(server.url, 'handler');
  await later.act(c.id, 'hearing_held', { record: '当事人陈述申辩，对违法事实无异议，请求从轻处罚。', signed: true });
  await later.act(c.id, 'submit_review');

  page = await browser.newPage();
  await steps(page, 'enforcement-review', async () => {
    await loginAs(page, server.url, 'leader');
    await page.goto(`${server.url}/console/cases/${c.id}`);
    await doAction(page, '法制审核通过', async (d) => { await d.getByLabel('审核意见').fill('事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。'); }, '法制审核通过');
  });
  await page.close();
  await later.act(c.id, 'decide', { outcome: '处罚', decisionNo: DOC_NO, fineAmount: 60000, penalty: '没收违法所得，罚款 60000 元',
    remedies: '六十日内申请行政复议或六个月内提起行政诉讼' });

  page = await browser.newPage();
  await steps(page, 'enforcement-delivery-and-recordings', async () => {
    await loginAs(page, server.url, 'handler');
    await page.goto(`${server.url}/console/cases/${c.id}`);
    await doAction(page, '送达', async (d) => { await d.getByLabel('送达方式').fill('直接送达'); }, '已送达');
    await later.act(c.id, 'publish');
    // 全过程记录: 调查取证, 听证 and 送达 each need a recording; the gaps show until a video is attached to each
    await page.reload();
    const gaps = await facts(page);
    for (const act of ['调查取证（现场检查）', '听证', '送达']) expect(gaps).toContain(`${act}（`);
    await page.goto(`${server.url}/console/enforcement/recordings?number=${encodeURIComponent(c.number)}`);
    await page.getByTestId('er-gaps').waitFor();
    for (let left = 3; left > 0; left--) {
      const row = page.locator('tr', { hasText: '缺音像记录' }).first();
      await row.locator('input[type=file]').setInputFiles({ name: '执法记录仪.mp4', mimeType: 'video/mp4', buffer: MP4 });
      await expect.poll(() => page.locator('tr', { hasText: '缺音像记录' }).count(), { timeout: 15_000 }).toBe(left - 1);
    }
    await expect.poll(() => page.getByTestId('er-gaps').count()).toBe(0);
    await screenshot(page, 'enforcement-recordings-complete');
    await page.goto(`${server.url}/console/cases/${c.id}`);
    await page.getByTestId('case-state').filter({ hasText: '已送达' }).waitFor();
    expect(await facts(page)).not.toContain('缺音像记录');

    // the decision appears on the portal
    await page.goto(`${server.url}/p/enforcement/decisions`);
    await page.getByPlaceholder(/输入关键词/).fill(DOC_NO);
    await page.getByRole('button', { name: '检索' }).click();
    await page.getByTestId('ed-total').filter({ hasText: '共 1 条' }).waitFor();
  });
});
